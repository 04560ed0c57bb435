"""The JSON API's reads: one record or a page of them, as the reader's scope may see them.

The same rules as the pages (services/scope.py): a record outside the scope is None (a
404), and a person's sensitive fields are named in `hidden` unless the reader may see them
(the API then leaves them out). A list reads a batch of ids after the cursor and keeps
those the scope reaches, so a request costs its batch, never the graph: a page may hold
fewer than `limit` items, and the next one starts at `next_cursor`.

With `updated_since` a list reads by last change instead: the `updated_at` index's range,
in (updated_at, id) order, its cursor holding both. Interactions and ties are always read
that way (ties have no id: their key is type, ends and time). A person's or a KAM's
interactions, and a person's ties, are read from that record.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Generic, LiteralString, TypeVar, cast

import neo4j

from kamgraph import clock
from kamgraph import fields as f
from kamgraph.errors import FieldInvalid
from kamgraph.i18n import N_, Message
from kamgraph.models import Organization, Person, Tender
from kamgraph.repository import api_lists, people, records
from kamgraph.repository import dossier as dossier_repo
from kamgraph.repository import interactions as interactions_repo
from kamgraph.repository._entity import get_props
from kamgraph.schema import INTERACTIONS, RELATIONSHIP_RULES
from kamgraph.screening import record as special
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


Listed = api_lists.Item | api_lists.InteractionItem | api_lists.TieItem
T = TypeVar("T")
# The first moment a list by last change starts from, without updated_since.
BEGINNING = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class ListPage:
    """A page of a list: its items, and the cursor of the next page (None: the last)."""

    items: Sequence[Listed]
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
    updated_since: datetime | None = None,
) -> ListPage:
    """A page of records of `kind` the reader reaches, by id after `cursor`; with `text`,
    the search box's best matches instead (one page, no cursor); with `updated_since`,
    those changed since then, by last change."""
    if text:
        hits = scopes.search(session, scope, text).get(kind, [])[:limit]
        return ListPage([_item_of_hit(kind, h.id, h.name) for h in hits], None)
    if updated_since is not None:
        start = _cursor(cursor, 2) if cursor else [updated_since.isoformat(), ""]

        def fetch(key: list[str], batch: int) -> list[tuple[api_lists.Item, bool]]:
            found = api_lists.changed_after(session, kind, _moment(key[0]), key[1], batch)
            return [(row, True) for row in found]

        def keep(rows: list[api_lists.Item]) -> set[str]:
            allowed = scopes.readable(session, scope, kind, (r.id for r in rows))
            return {_joined(_node_key(r)) for r in rows if r.id in allowed}

        return _paged(fetch, keep, _node_key, start, limit)
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


# --- lists by last change: interactions, ties, and the pager they share ------------------

Key = list[str]  # where a list by last change stands: the last row's sort key, as text


def _paged(
    fetch: Callable[[Key, int], list[tuple[T, bool]]],
    keep: Callable[[list[T]], set[str]],
    key_of: Callable[[T], Key],
    start: Key,
    limit: int,
) -> ListPage:
    """Read batches after `start` (at most SCAN rows a request) and keep the rows the
    filters wanted (`fetch`'s flag) and the reader's scope reaches (`keep`: their keys,
    joined)."""
    kept: list[Any] = []
    key = start
    scanned = 0
    while len(kept) < limit and scanned < SCAN:
        batch = min(SCAN - scanned, max(limit * 2, 50))
        found = fetch(key, batch)
        scanned += len(found)
        allowed = keep([row for row, wanted in found if wanted])
        for row, wanted in found:
            key = key_of(row)
            if wanted and _joined(key) in allowed:
                kept.append(row)
                if len(kept) == limit:
                    break
        if len(found) < batch and (not found or key == key_of(found[-1][0])):
            return ListPage(kept, None)  # the end of the list
    return ListPage(kept, _encoded(key))


def _joined(key: Key) -> str:
    return "\x1f".join(key)


def _encoded(key: Key) -> str:
    return "u" + base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


def _cursor(cursor: str, size: int) -> Key:
    """A cursor of a list by last change, as _encoded made it; else FieldInvalid."""
    try:
        if not cursor.startswith("u"):
            raise ValueError(cursor)
        raw = cursor[1:] + "=" * (-len(cursor[1:]) % 4)
        key: Any = json.loads(base64.urlsafe_b64decode(raw.encode()))
        if not (isinstance(key, list) and len(cast("list[Any]", key)) == size):
            raise ValueError(cursor)
        parts = [str(part) for part in cast("list[Any]", key)]
        _moment(parts[0] if size < 4 else parts[1])
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise FieldInvalid(
            "cursor", N_("Send the next_cursor of the page before, as it was.")
        ) from None
    return parts


def _moment(text: str) -> datetime:
    found = datetime.fromisoformat(text)
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def _node_key(row: api_lists.Item | api_lists.InteractionItem) -> Key:
    return [(row.updated_at or BEGINNING).isoformat(), row.id]


def interactions_listed(
    session: neo4j.Session,
    scope: scopes.Scope,
    wanted: api_lists.InteractionFilter,
    *,
    updated_since: datetime | None,
    cursor: str,
    limit: int,
) -> ListPage | None:
    """A page of the interactions the reader reaches that `wanted` asks for, by last
    change; None if it names a person the reader may not read (a 404, as her dossier)."""
    if wanted.person is not None and not scopes.readable(session, scope, "person", [wanted.person]):
        return None
    start = _cursor(cursor, 2) if cursor else [(updated_since or BEGINNING).isoformat(), ""]

    def fetch(key: Key, batch: int) -> list[tuple[api_lists.InteractionItem, bool]]:
        at, after_id = _moment(key[0]), key[1]
        return api_lists.interactions(session, wanted, after_at=at, after_id=after_id, batch=batch)

    def keep(rows: list[api_lists.InteractionItem]) -> set[str]:
        allowed = scopes.readable(session, scope, "interaction", (r.id for r in rows))
        return {_joined(_node_key(r)) for r in rows if r.id in allowed}

    return _paged(fetch, keep, _node_key, start, limit)


def _tie_key(row: api_lists.TieItem) -> Key:
    return [row.type, (row.updated_at or BEGINNING).isoformat(), row.from_id, row.to_id]


# The kinds of record a scope limits; a tie's other ends (users, events, products) are
# read by everyone.
_SCOPED_KINDS = frozenset({"person", "organization", "tender"})


def ties_listed(
    session: neo4j.Session,
    scope: scopes.Scope,
    *,
    person: str | None,
    types: Iterable[str],
    current: bool | None,
    updated_since: datetime | None,
    cursor: str,
    limit: int,
) -> ListPage | None:
    """A page of the ties whose both ends the reader reaches: a person's (`person`: read
    from her, by last change), or those of `types` type by type, each by last change (a
    range of the type's index). None if `person` is outside the reader's scope."""
    if person is not None and not scopes.readable(session, scope, "person", [person]):
        return None
    asked = set(types)
    chosen: list[LiteralString] = [t for t in api_lists.TIE_TYPES if t in asked]
    since = (updated_since or BEGINNING).isoformat()
    today = clock.today()

    def fetch(key: Key, batch: int) -> list[tuple[api_lists.TieItem, bool]]:
        rel_type, at, after_from, after_to = key
        if person is not None:
            after = (_moment(at), rel_type, after_from, after_to)
            return api_lists.ties_of_person(
                session, person, chosen, after=after, batch=batch, current=current, today=today
            )
        rows: list[tuple[api_lists.TieItem, bool]] = []
        for each in chosen:
            if each < rel_type:
                continue
            start = (
                (_moment(at), after_from, after_to)
                if each == rel_type
                else (_moment(since), "", "")
            )
            rows += api_lists.ties_of_type(
                session, each, after=start, batch=batch - len(rows), current=current, today=today
            )
            if len(rows) >= batch:
                break
        return rows

    def keep(rows: list[api_lists.TieItem]) -> set[str]:
        wanted: dict[str, set[str]] = {}
        for row in rows:
            for kind, end in _ends(row):
                if kind in _SCOPED_KINDS:
                    wanted.setdefault(kind, set()).add(end)
        allowed = {kind: scopes.readable(session, scope, kind, ids) for kind, ids in wanted.items()}
        return {
            _joined(_tie_key(row))
            for row in rows
            if all(kind not in _SCOPED_KINDS or end in allowed[kind] for kind, end in _ends(row))
        }

    first = "" if person is not None else (chosen[0] if chosen else "")
    if not chosen:
        return ListPage([], None)
    start = _cursor(cursor, 4) if cursor else [first, since, "", ""]
    return _paged(fetch, keep, _tie_key, start, limit)


def _ends(row: api_lists.TieItem) -> list[tuple[str, str]]:
    rule = RELATIONSHIP_RULES[row.type]
    return [
        (references.KIND_OF_TABLE[rule.from_table], row.from_id),
        (references.KIND_OF_TABLE[rule.to_table], row.to_id),
    ]


# --- changing an interaction --------------------------------------------------------------

# What an interaction's edit may change: not its KAM, its people or its provenance.
INTERACTION_FIELDS = (
    "date",
    "kind",
    "notes",
    "commitments",
    "next_step",
    "due_date",
    "done",
    "objective",
    "agenda",
)


_INTERACTION_COLUMNS = {c.name: c for c in INTERACTIONS.columns}


@dataclass(frozen=True)
class InteractionEdit:
    """A partial edit of an interaction, read: the typed values, or each field's problem,
    and the special-category screen of its changed text."""

    values: dict[str, Any]
    errors: dict[str, Message]
    screened: special.Review


def interaction_patched(
    session: neo4j.Session,
    scope: scopes.Scope,
    interaction_id: str,
    given: Mapping[str, str],
    *,
    why: str | None,
    by: str,
) -> InteractionEdit | None:
    """The fields given, parsed by the import's parsers (interactions.csv) and screened as
    the log form screens them; a field that cannot be changed is a FieldInvalid naming it;
    None if the reader's scope does not reach the interaction."""
    if not scopes.readable(session, scope, "interaction", [interaction_id]):
        return None
    stored = get_props(session, INTERACTIONS.label, interaction_id)
    if stored is None:
        return None
    for name in given:
        if name not in INTERACTION_FIELDS:
            raise FieldInvalid(name, N_("%(field)s cannot be changed here."), field=name)
    values: dict[str, Any] = {}
    errors: dict[str, Message] = {}
    for name, raw in given.items():
        column = _INTERACTION_COLUMNS[name]
        try:
            if f.is_blank(raw):
                if column.required:
                    raise f.CellError("required")
                values[name] = None
            else:
                values[name] = column.parse(raw)
        except f.CellError as error:
            errors[name] = error.message
    if not errors:
        errors.update((n, m) for n, m in INTERACTIONS.problems(values) if n in values)
    if errors:
        return InteractionEdit(values, errors, special.Review({}, {}, {}))
    text = special.INTERACTION_FIELDS
    changed = {k: v for k, v in values.items() if k in text and stored.get(k) != v}
    after = {k: values.get(k, stored.get(k)) for k in text}
    screened = special.review(
        "interactions", changed, after, stored, why=why, by=by, at=clock.now()
    )
    return InteractionEdit(values, errors, screened)


def day_of(text: str, field: str) -> date | None:
    """A list's date filter (since, until) as the import reads a date; blank: none."""
    if not text.strip():
        return None
    try:
        return f.day(text)
    except f.CellError as error:
        raise FieldInvalid(field, error.message.template, **error.message.values) from None


def moment_of(text: str, field: str) -> datetime | None:
    """updated_since: an ISO date (midnight UTC) or date and time (UTC if no zone given)."""
    if not text.strip():
        return None
    try:
        return _moment(text.strip())
    except ValueError:
        raise FieldInvalid(
            field, N_("A date (2026-11-30) or a date and time (2026-11-30T08:00:00Z).")
        ) from None
