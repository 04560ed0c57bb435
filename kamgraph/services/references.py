"""References typed as names: the choices a picker offers, and what a typed name means.

Every form field that points at a person, organization, tender, product, event or
colleague is typed as a name. While typing, the picker offers labels ("Ada Rowan — Head of
Cardiology, St. Aurel Hospital") found as the search box finds them (kamgraph.folding); on
save, :func:`resolve` turns what was typed back into the record's id: a label that was
offered, or a name that only one record matches. Anything else is an error in words,
beside the field, naming the candidates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import LiteralString

import neo4j

from kamgraph import folding
from kamgraph.errors import Invalid
from kamgraph.i18n import N_, Message
from kamgraph.repository import bundles
from kamgraph.repository import graph as graph_repo
from kamgraph.repository import pick as pick_repo
from kamgraph.repository import search as search_repo
from kamgraph.services import scope as scopes

# Import tables to the kind of record a reference points at.
KIND_OF_TABLE = {
    "people": "person",
    "organizations": "organization",
    "tenders": "tender",
    "products": "product",
    "users": "user",
    "events": "event",
}
_LABELS: dict[str, LiteralString] = {
    "person": "Person",
    "organization": "Organization",
    "tender": "Tender",
    "product": "Product",
    "user": "User",
    "event": "Event",
}
# What a field says when its typed name is empty, unknown, or several records' (one sentence
# per kind: the kind's noun takes a different form in each language).
_EMPTY: dict[str, str] = {
    "person": N_("Type a person's name and pick one from the list."),
    "organization": N_("Type an organization's name and pick one from the list."),
    "tender": N_("Type a tender's title and pick one from the list."),
    "product": N_("Type a product's name and pick one from the list."),
    "user": N_("Type a colleague's name and pick one from the list."),
    "event": N_("Type an event's name and pick one from the list."),
}
_UNKNOWN: dict[str, str] = {
    "person": N_("No person called “%(text)s”. Check the spelling, or create them first."),
    "organization": N_(
        "No organization called “%(text)s”. Check the spelling, or create it first."
    ),
    "tender": N_("No tender called “%(text)s”. Check the spelling, or create it first."),
    "product": N_("No product called “%(text)s”. Check the spelling, or create it first."),
    "user": N_("No colleague called “%(text)s”. Check the spelling."),
    "event": N_("No event called “%(text)s”. Check the spelling, or create it first."),
}
_SEVERAL: dict[str, str] = {
    "person": N_("Several people match “%(text)s”: %(shown)s. Pick one from the list."),
    "organization": N_(
        "Several organizations match “%(text)s”: %(shown)s. Pick one from the list."
    ),
    "tender": N_("Several tenders match “%(text)s”: %(shown)s. Pick one from the list."),
    "product": N_("Several products match “%(text)s”: %(shown)s. Pick one from the list."),
    "user": N_("Several colleagues match “%(text)s”: %(shown)s. Pick one from the list."),
    "event": N_("Several events match “%(text)s”: %(shown)s. Pick one from the list."),
}
SEPARATOR = " — "
LIMIT = 8


@dataclass(frozen=True)
class Choice:
    """A record a reference may point at, as a picker shows it."""

    id: str
    name: str
    context: str | None

    @property
    def label(self) -> str:
        """What the field shows once chosen: the name and, to tell namesakes apart, context."""
        context = (self.context or "").replace("_", " ")
        return f"{self.name}{SEPARATOR}{context}" if context else self.name


def choices(
    session: neo4j.Session, scope: scopes.Scope, kind: str, text: str, *, limit: int = LIMIT
) -> list[Choice]:
    """The records of `kind` that `text` finds and `scope` may read, best first."""
    text = text.strip()[:200]
    if not text or kind not in _LABELS:
        return []
    if kind in search_repo.KINDS:
        hits = scopes.search(session, scope, text)[kind]
        return [Choice(h.id, h.name, h.context) for h in hits[:limit]]
    if kind == "product":
        terms = search_repo.lucene_query(text)
        rows = pick_repo.products(session, terms, limit) if terms else []
        return [Choice(r.id, r.name, r.context) for r in rows]
    words = [folding.fold(w) for w in search_repo.words_of(text)]
    if kind == "event":
        return [Choice(r.id, r.name, r.context) for r in pick_repo.events(session, words, limit)]
    # the team: a few dozen people, matched here
    team = [Choice(u.id, u.name, u.role) for u in graph_repo.team(session)]
    return [
        c
        for c in sorted(team, key=lambda c: c.name)
        if all(any(n.startswith(w) for n in folding.search_key(c.name).split()) for w in words)
    ][:limit]


def resolve(session: neo4j.Session, scope: scopes.Scope, kind: str, typed: str) -> str:
    """The id of the one record `typed` means; Invalid, in words, if none or several.

    Tried in order: a label the picker offered; a name that exactly one record has
    (folded: case and marks aside); a single record found at all; an id (links and files
    carry ids, and they keep working).
    """
    text = " ".join(typed.split())
    if not text:
        raise Invalid(_EMPTY[kind])
    name_part = text.split(SEPARATOR)[0]
    found = choices(session, scope, kind, name_part, limit=20)
    labelled = [c for c in found if c.label == text]
    if len(labelled) == 1:
        return labelled[0].id
    same_name = [c for c in found if folding.fold(c.name) == folding.fold(name_part)]
    if len(same_name) == 1:
        return same_name[0].id
    if len(found) == 1 and SEPARATOR not in text:
        return found[0].id
    if bundles.existing_ids(session, _LABELS[kind], {text}) and (
        kind not in search_repo.KINDS or scopes.readable(session, scope, kind, [text])
    ):
        return text
    if not found:
        raise Invalid(_UNKNOWN[kind], text=text)
    shown = "; ".join(c.label for c in (same_name or found)[:5])
    raise Invalid(_SEVERAL[kind], text=text, shown=shown)


@dataclass(frozen=True)
class Resolved:
    """Typed names resolved: the id of each field that named one record, and the problem,
    in words, of each field that did not."""

    ids: dict[str, str]
    problems: dict[str, Message]


def resolve_fields(
    session: neo4j.Session, scope: scopes.Scope, typed: Mapping[str, tuple[str, str]]
) -> Resolved:
    """Each field's typed name (field -> (kind, text)) resolved as :func:`resolve` does;
    blank fields are left out of both."""
    ids: dict[str, str] = {}
    problems: dict[str, Message] = {}
    for name, (kind, text) in typed.items():
        if not text.strip():
            continue
        try:
            ids[name] = resolve(session, scope, kind, text)
        except Invalid as error:
            problems[name] = error.said
    return Resolved(ids, problems)


def resolve_many(
    session: neo4j.Session, scope: scopes.Scope, kind: str, typed: list[str], *, most: int = 30
) -> tuple[tuple[str, ...], list[Message]]:
    """The ids of several typed names, in order without repeats, and a line per name that
    is unknown or means several records (at most `most` names are read)."""
    ids: list[str] = []
    problems: list[Message] = []
    for text in typed[:most]:
        try:
            ids.append(resolve(session, scope, kind, text))
        except Invalid as error:
            problems.append(error.said)
    return tuple(dict.fromkeys(ids)), problems


def name_of(session: neo4j.Session, scope: scopes.Scope, kind: str, record_id: str) -> str:
    """A record's name ('' if there is none, or `scope` may not read it)."""
    if kind in search_repo.KINDS and not scopes.readable(session, scope, kind, [record_id]):
        return ""
    return pick_repo.name_of(session, _LABELS[kind], record_id) or ""


def label_of(session: neo4j.Session, scope: scopes.Scope, kind: str, record_id: str) -> str:
    """The label of a record the form starts from (a dossier's "log a meeting"), or ''."""
    name = name_of(session, scope, kind, record_id)
    for choice in choices(session, scope, kind, name, limit=20):
        if choice.id == record_id:
            return choice.label
    return name or ""


def labels_of(
    session: neo4j.Session, scope: scopes.Scope, ids: Mapping[str, tuple[str, str]]
) -> dict[str, str]:
    """The label of each field's record (field -> (kind, id)) as :func:`label_of` gives it;
    a field without an id keeps ''."""
    return {
        name: label_of(session, scope, kind, record_id) if record_id else ""
        for name, (kind, record_id) in ids.items()
    }
