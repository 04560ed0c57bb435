"""The JSON API's reads: one record or a page of them, as the reader's scope may see them.

The same rules as the pages (services/scope.py): a record outside the scope is None (a
404), and a person's sensitive fields are named in `hidden` unless the reader may see them
(the API then leaves them out). A list reads a batch of ids after the cursor and keeps
those the scope reaches, so a request costs its batch, never the graph: a page may hold
fewer than `limit` items, and the next one starts at `next_cursor`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

import neo4j

from kamgraph.errors import FieldInvalid
from kamgraph.i18n import N_, Message
from kamgraph.models import Organization, Person, Tender
from kamgraph.repository import api_lists, people, records
from kamgraph.repository import dossier as dossier_repo
from kamgraph.repository import interactions as interactions_repo
from kamgraph.services import editing, records_form, references
from kamgraph.services import scope as scopes

R = TypeVar("R", Person, Organization, Tender)

# How many candidates one list request reads at most, whatever it keeps of them.
SCAN = 500
KINDS = ("person", "organization", "tender")


@dataclass(frozen=True)
class Shown(Generic[R]):
    """A record as the reader may see it: `hidden` names the fields she may not."""

    record: R
    hidden: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ListPage:
    """A page of a list: its items, and the cursor of the next page (None: the last)."""

    items: list[api_lists.Item]
    next_cursor: str | None


def person(session: neo4j.Session, scope: scopes.Scope, person_id: str) -> Shown[Person] | None:
    """A person, without the sensitive fields unless the reader may see them."""
    if not scopes.readable(session, scope, "person", [person_id]):
        return None
    found = people.get(session, person_id)
    dossier = dossier_repo.get(session, person_id)
    if found is None or dossier is None:
        return None
    if scope.may_see_sensitive(dossier.covered_by):
        return Shown(found)
    return Shown(scopes.redact(found), scopes.SENSITIVE)


def organization(
    session: neo4j.Session, scope: scopes.Scope, org_id: str
) -> Shown[Organization] | None:
    """An organization the reader's scope reaches."""
    if not scopes.readable(session, scope, "organization", [org_id]):
        return None
    found = records.get(session, Organization, org_id)
    return None if found is None else Shown(found)


def tender(session: neo4j.Session, scope: scopes.Scope, tender_id: str) -> Shown[Tender] | None:
    """A tender the reader's scope reaches (read with its buyer)."""
    if not scopes.readable(session, scope, "tender", [tender_id]):
        return None
    found = records.get(session, Tender, tender_id)
    return None if found is None else Shown(found)


def interaction(
    session: neo4j.Session, scope: scopes.Scope, interaction_id: str
) -> interactions_repo.Meeting | None:
    """An interaction its reader may read, naming only the participants she reads."""
    if not scopes.readable(session, scope, "interaction", [interaction_id]):
        return None
    found = interactions_repo.get(session, interaction_id)
    if found is None:
        return None
    allowed = scopes.readable(session, scope, "person", found.participant_ids)
    return dataclasses.replace(
        found, participant_ids=[p for p in found.participant_ids if p in allowed]
    )


def listed(
    session: neo4j.Session,
    scope: scopes.Scope,
    kind: str,
    *,
    cursor: str,
    limit: int,
    text: str = "",
) -> ListPage:
    """A page of records of `kind` the reader reaches, by id after `cursor`; with `text`,
    the search box's best matches instead (one page, no cursor)."""
    if text:
        hits = scopes.search(session, scope, text).get(kind, [])[:limit]
        return ListPage([_item_of_hit(kind, h.id, h.name) for h in hits], None)
    kept: list[api_lists.Item] = []
    after = cursor
    scanned = 0
    while len(kept) < limit and scanned < SCAN:
        batch = min(SCAN - scanned, max(limit * 2, 50))
        found = api_lists.after(session, kind, after, batch)
        scanned += len(found)
        allowed = scopes.readable(session, scope, kind, (r.id for r in found))
        for row in found:
            after = row.id
            if row.id in allowed:
                kept.append(row)
                if len(kept) == limit:
                    break
        if len(found) < batch and (not found or after == found[-1].id):
            return ListPage(kept, None)  # the end of the list
    return ListPage(kept, after)


def _item_of_hit(kind: str, record_id: str, name: str) -> api_lists.Item:
    if kind == "person":
        return api_lists.PersonItem(record_id, name, None, None)
    if kind == "organization":
        return api_lists.OrganizationItem(record_id, name, None, None, None)
    return api_lists.TenderItem(record_id, name, None, None)


def patched(
    session: neo4j.Session,
    scope: scopes.Scope,
    editable: editing.Editable,
    record_id: str,
    given: Mapping[str, str],
    *,
    why: str | None,
    by: str,
) -> editing.Submitted | None:
    """A partial edit read as the edit form reads a whole one (editing.submitted): the
    fields given over the stored text, parsed by the import's parsers, then screened. A
    field the reader may not edit is a FieldInvalid naming it; None as editing.edit_page."""
    page = editing.edit_page(session, scope, editable, record_id)
    if page is None:
        return None
    for name in given:
        if name not in page.names:
            raise FieldInvalid(name, N_("%(field)s cannot be changed here."), field=name)
    text = {**page.text, **given}
    edit = editing.read_form(session, editable, text, page.names, record_id)
    if edit.errors:
        return editing.Submitted(page, text, edit, None)
    screened = editing.screen(session, editable, record_id, edit.values, why=why, by=by)
    return editing.Submitted(page, text, edit, screened)


def new_row(
    session: neo4j.Session,
    scope: scopes.Scope,
    table: str,
    cells: Mapping[str, str],
    *,
    region: str | None,
) -> records_form.Posted:
    """A new record's row as the New form reads it (records_form.read_posted): the ids it
    names must be records the reader reaches, each problem beside its field."""
    known = {c.name for c in records_form.form_columns(table)}
    for name in cells:
        if name not in known:
            raise FieldInvalid(
                name, N_("%(field)s is not a column of %(table)s."), field=name, table=table
            )
    if "region" in known:  # blank, so that the maker's territory fills it, as on the form
        cells = {"region": "", **cells}
    picks = {
        c.name: references.KIND_OF_TABLE[c.ref]
        for c in records_form.form_columns(table)
        if c.ref and not c.many and c.name != "id"
    }
    posted = records_form.read_posted(session, scope, table, cells, picks, region=region)
    errors = dict(posted.errors)
    for column in records_form.form_columns(table):  # lists of ids: each one readable
        if not (column.many and column.ref in _SCOPED):
            continue
        named = [i.strip() for i in cells.get(column.name, "").split(";") if i.strip()]
        unread = set(named) - scopes.readable(session, scope, _SCOPED[column.ref], named)
        if unread:
            errors[column.name] = Message(
                N_("Unknown, or outside your territories: %(ids)s"), ids=tuple(sorted(unread))
            )
    return dataclasses.replace(posted, errors=errors)


# The tables whose records a scope limits (a list of their ids must name readable ones).
_SCOPED = {"people": "person", "organizations": "organization", "tenders": "tender"}
