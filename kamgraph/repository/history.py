"""The graph's history: the change log (:Change nodes) written with each change, its reads
(a person's timeline, a period, what a user watches), watching, and what the contact
boundaries and rank moves of What changed are judged from."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final, LiteralString

import neo4j

from kamgraph import clock
from kamgraph.cypher import q, q_with
from kamgraph.models import HISTORY_TIES, PERSON_CHANGE
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import acting_user, read_rows, write_rows
from kamgraph.schema import PEOPLE

# What a user may watch: the page kind -> its label (an allowlist for q_with).
WATCHABLE: Final[dict[str, LiteralString]] = {"person": "Person", "tender": "Tender"}
_PERSON_COLUMNS: Final = frozenset(c.name for c in PEOPLE.columns)
# A person's own fields whose changes an import logs, as an edit on the form logs them:
# the columns stored as they are (a birthday is stored in parts), without the id, the
# version and the provenance.
PERSON_FIELDS: Final = tuple(
    c.name for c in PEOPLE.columns if c.name not in ("id", "version", "source", "birthday")
)


@dataclass(frozen=True)
class End(Row):
    """A record a change is about: a person, a tender, an organization or a user."""

    id: str
    label: str
    name: str
    status: str | None  # a tender's


@dataclass(frozen=True)
class Change(Row):
    """One entry of the change log: a tie created, changed or ended, or a person's fields
    edited; `fields` changed from `before` to `after` (as text, "" for none)."""

    id: str
    at: datetime
    by: str | None  # the user's id, or "import", "manual"
    by_name: str | None  # the user's name, when a user made it
    source: str | None
    type: str  # a tie type (models.HISTORY_TIES) or models.PERSON_CHANGE
    kind: str  # models.CHANGE_KINDS
    from_id: str
    to_id: str | None
    fields: list[str]
    before: list[str]
    after: list[str]
    ends: list[End]
    merged_id: str | None = None  # a merge's: the duplicate that went into the person
    merged_name: str | None = None

    def end(self, record_id: str | None) -> End | None:
        """The end of the change with this id."""
        return next((e for e in self.ends if e.id == record_id), None)

    def value(self, name: str) -> tuple[str, str] | None:
        """A field's (before, after), if the change changed it."""
        if name not in self.fields:
            return None
        i = self.fields.index(name)
        return self.before[i], self.after[i]


@dataclass(frozen=True)
class Contact(Row):
    """A covered person, with what their contact boundary is judged from."""

    id: str
    name: str
    last_contact: date | None
    segments: list[str] | None
    kol_tier: str | None
    every: int | None
    in_dmu: bool


@dataclass(frozen=True)
class RankMove(Row):
    """A person whose stored influence rank moved: from `before` to `rank`, stored `at`."""

    id: str
    name: str
    rank: int
    before: int
    at: datetime


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value)  # pyright: ignore[reportUnknownVariableType]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def log_fields(
    tx: neo4j.ManagedTransaction,
    person_id: str,
    changes: Mapping[str, tuple[Any, Any]],
    *,
    by: str,
) -> None:
    """Log an edit of a person's own columns in the edit's transaction (no entry for none)."""
    fields = [name for name in changes if name in _PERSON_COLUMNS]
    if not fields:
        return
    tx.run(
        q("history/log_fields"),
        id=person_id,
        at=clock.now(),
        by=acting_user() or by,
        fields=fields,
        before=[_text(changes[f][0]) for f in fields],
        after=[_text(changes[f][1]) for f in fields],
    ).consume()


def log_merge(
    tx: neo4j.ManagedTransaction,
    keep_id: str,
    duplicate: tuple[str, str],
    taken: Mapping[str, tuple[Any, Any]],
    *,
    by: str,
) -> None:
    """Log a merge in its transaction: about the kept person, naming the `duplicate` (id,
    name) and the fields `taken` from it, field -> (the kept value, the duplicate's)."""
    fields = [name for name in taken if name in _PERSON_COLUMNS]
    tx.run(
        q("history/log_merge"),
        keep=keep_id,
        merged_id=duplicate[0],
        merged_name=duplicate[1],
        at=clock.now(),
        by=acting_user() or by,
        fields=fields,
        before=[_text(taken[f][0]) for f in fields],
        after=[_text(taken[f][1]) for f in fields],
    ).consume()


def adopt_changes(tx: neo4j.ManagedTransaction, keep_id: str, duplicate_id: str) -> None:
    """In a merge, once the duplicate's ties (and change-log links) moved: its change-log
    entries name the kept person as their end."""
    tx.run(q("history/merge_adopt"), keep=keep_id, duplicate=duplicate_id).consume()


def _changes(rows: list[dict[str, Any]]) -> list[Change]:
    return Change.from_maps(r["change"] for r in rows)


def timeline(session: neo4j.Session, person_id: str, *, limit: int) -> list[Change]:
    """The newest `limit` changes about a person, newest first."""
    return _changes(read_rows(session, q("history/timeline"), id=person_id, limit=limit))


def since(
    session: neo4j.Session,
    at: datetime,
    *,
    types: Sequence[str] = (*HISTORY_TIES, PERSON_CHANGE),
    limit: int,
) -> list[Change]:
    """The changes of `types` made at or after `at`, newest first, at most `limit`."""
    rows = read_rows(session, q("history/since"), since=at, types=list(types), limit=limit)
    return _changes(rows)


def in_scope(
    session: neo4j.Session,
    at: datetime,
    *,
    user_id: str,
    users: Sequence[str],
    regions: Sequence[str],
    today: date,
    types: Sequence[str],
    limit: int,
) -> list[Change]:
    """The changes of `types` made at or after `at` about the people of a reader's network
    (`user_id`: the territories `regions`, the covers and accounts of the colleagues
    `users`, and whom she watches), newest first, at most `limit`."""
    rows = read_rows(
        session,
        q("history/in_scope"),
        since=at,
        user_id=user_id,
        users=list(users),
        regions=list(regions),
        today=today,
        types=list(types),
        limit=limit,
    )
    return _changes(rows)


def watched(session: neo4j.Session, user_id: str, at: datetime, *, limit: int) -> list[Change]:
    """The changes since `at` to what `user_id` watches, newest first."""
    rows = read_rows(session, q("history/watched"), user_id=user_id, since=at, limit=limit)
    return _changes(rows)


def covered_contacts(session: neo4j.Session, users: Sequence[str], today: date) -> list[Contact]:
    """The people the `users` cover now, with what their contact boundary is judged from."""
    rows = read_rows(session, q("history/covered_contacts"), users=list(users), today=today)
    return Contact.from_maps(rows)


def rank_moves(
    session: neo4j.Session, at: datetime, *, places: int, top: int, limit: int
) -> list[RankMove]:
    """People whose stored influence rank moved by `places` or more (within the top `top`)
    in a refresh at or after `at`, the biggest moves first."""
    rows = read_rows(
        session, q("history/rank_moves"), since=at, places=places, top=top, limit=limit
    )
    return RankMove.from_maps(rows)


def keep_demo(session: neo4j.Session, rows: list[dict[str, Any]]) -> int:
    """Write the demo's change log once (kamgraph.seeding.demo); how many entries were new."""
    found = write_rows(session, q("history/demo_changes"), changes_graph=False, rows=rows)
    return int(found[0]["created"]) if found else 0


def set_watch(
    session: neo4j.Session, user_id: str, kind: str, record_id: str, *, watch: bool
) -> bool:
    """Watch (or stop watching) a person or a tender; False if there is no such record."""
    query = q_with("history/watch", LABEL=WATCHABLE[kind])
    rows = write_rows(
        session, query, changes_graph=False, user_id=user_id, id=record_id, watch=watch
    )
    return bool(rows)


def watching(session: neo4j.Session, user_id: str, record_id: str) -> bool:
    """Whether `user_id` watches the person or tender `record_id`."""
    rows = read_rows(session, q("history/watching"), user_id=user_id, id=record_id)
    return bool(rows and rows[0]["watching"])
