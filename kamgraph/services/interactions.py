"""The log form of an interaction: what it starts from when a dossier or a warm path opens it."""

from __future__ import annotations

from dataclasses import dataclass

import neo4j

from kamgraph.services import references
from kamgraph.services import scope as scopes


@dataclass(frozen=True)
class FormPage:
    """The names the form starts from: who was met (as the picker labels them) and, from a
    warm path, whom to ask them for an introduction to ('' for none)."""

    participant: str
    intro: str


def form_page(
    session: neo4j.Session, scope: scopes.Scope, person_id: str, intro_id: str
) -> FormPage:
    """The form's data for ?person=`person_id`&intro=`intro_id` (either may be '')."""
    participant = references.label_of(session, scope, "person", person_id) if person_id else ""
    intro = references.name_of(session, scope, "person", intro_id) if intro_id else ""
    return FormPage(participant, intro)
