"""The person pages' data: a dossier page and an ego network, each in one call, already
limited to what the reader may see (views/people.py renders them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import neo4j

from kamgraph.i18n import N_, Message
from kamgraph.models import CLOSED_TENDER_STATUSES, CONTACT_EVERY_DEFAULT, contact_boundary
from kamgraph.repository import deputies as deputies_repo
from kamgraph.repository import dossier as dossier_repo
from kamgraph.repository import events as events_repo
from kamgraph.repository import history, week
from kamgraph.repository import person_plans as plans_repo
from kamgraph.repository import transfers as transfers_repo
from kamgraph.repository.deputies import Deputyship
from kamgraph.repository.dossier import Dossier
from kamgraph.repository.person_plans import Listed
from kamgraph.repository.transfers import Entry
from kamgraph.services import changes
from kamgraph.services import scope as scopes
from kamgraph.services.warm_paths import WarmPath

# What the analysis worker answers about warm paths to a person for a team member: the
# paths (or why there are none) and as of when (web_analysis, through the view).
WarmPaths = Callable[[str, str], tuple[list[WarmPath] | str, str | None]]
ONLY_OUTSIDE = Message(
    N_("The only warm paths run through people outside your territories: ask your lead.")
)


@dataclass(frozen=True)
class DossierPage:
    """Everything the dossier page shows, for one reader."""

    dossier: Dossier  # redacted for the reader, its neighbours limited to those she reads
    birthday: week.Birthday | None
    sensitive: bool  # whether the reader sees the sensitive fields
    paths: list[WarmPath] | str  # warm paths from the reader, or why there are none
    paths_as_of: str | None
    transfers: list[Entry]
    relationship_plans: list[Listed]  # the person's relationship plans
    contact_every: int = CONTACT_EVERY_DEFAULT  # their contact boundary, days (segments)
    changes: list[changes.Item] = field(default_factory=list[changes.Item])  # newest first
    watching: bool = False  # whether the reader watches this person
    # The latest events they attended or spoke at.
    events: list[events_repo.Attended] = field(default_factory=list[events_repo.Attended])
    # Those who cover them and are away today, each with her deputy (services/deputies.py).
    away: list[Deputyship] = field(default_factory=list[Deputyship])


def contact_every(found: Dossier) -> int:
    """A person's contact boundary as coverage judges it: their own, or their segments'
    default; a role in an open tender makes them a DMU member."""
    person = found.person
    in_dmu = any(r.status not in CLOSED_TENDER_STATUSES for r in found.tender_roles)
    segments = (*person.segments, *(("dmu_member",) if in_dmu else ()))
    return contact_boundary(segments, person.kol_tier, person.contact_every_days)


def dossier_page(
    session: neo4j.Session,
    scope: scopes.Scope,
    person_id: str,
    today: date,
    warm_paths: WarmPaths,
) -> DossierPage | None:
    """The dossier page of a person for `scope`'s reader; None if there is no such person,
    or the reader may not read them (a 404 either way)."""
    if not scopes.readable(session, scope, "person", [person_id]):
        return None
    stored = dossier_repo.get(session, person_id)
    if stored is None:
        return None
    found = scopes.dossier(session, scope, stored)
    paths, as_of = warm_paths(person_id, scope.user.id)
    if not isinstance(paths, str):
        kept, hidden = scopes.paths(session, scope, paths)
        paths, as_of = (ONLY_OUTSIDE, None) if hidden and not kept else (kept, as_of)
    sensitive = scope.may_see_sensitive(found.covered_by)
    return DossierPage(
        dossier=found,
        birthday=week.next_birthday(found.person, today),
        sensitive=sensitive,
        paths=paths,
        paths_as_of=as_of,
        transfers=transfers_repo.ledger(session, person_id=person_id),
        relationship_plans=plans_repo.listed(session, today, person_id=person_id),
        contact_every=contact_every(found),
        changes=changes.timeline(session, scope, person_id, sensitive_ok=sensitive),
        watching=history.watching(session, scope.user.id, person_id),
        events=events_repo.of_person(session, person_id),
        away=deputies_repo.away(session, found.covered_by, today),
    )


def ego_network(
    session: neo4j.Session, scope: scopes.Scope, person_id: str
) -> dossier_repo.EgoNetwork | None:
    """The graph view around a person, limited to the people `scope` reads; None if there is
    no such person or the reader may not read them."""
    if not scopes.readable(session, scope, "person", [person_id]):
        return None
    found = dossier_repo.ego_network(session, person_id)
    return None if found is None else scopes.network(session, scope, found)
