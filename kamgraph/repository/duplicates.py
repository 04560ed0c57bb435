"""Likely duplicate people: candidates blocked by a key in Cypher (never all pairs), and
the keys they are blocked by."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import LiteralString

import neo4j

from kamgraph import folding
from kamgraph.cypher import q
from kamgraph.i18n import N_
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import read_rows, write, write_rows

# The blocks a whole-graph search reads: a shared family name in Latin letters, or a shared
# birth date and first letter of the given name (a married name, a misspelt family name).
NOT_FOUND = N_("Nothing here: the record may have been deleted or merged.")
NOT_DISMISSED = N_("These two people are not marked as two different people.")

BLOCKINGS: tuple[LiteralString, ...] = ("duplicate/by_family", "duplicate/by_birthday")
CURSOR_SEPARATOR = "|"  # between a family key and a person's id (never in a key)


@dataclass(frozen=True)
class Employer(Row):
    """A current employer of a candidate."""

    id: str
    name: str | None


@dataclass(frozen=True)
class Candidate(Row):
    """What the duplicate score compares of a person."""

    id: str
    name: str | None
    given_key: str | None
    family_key: str | None
    birthday_year: int | None
    birthday_month: int | None
    birthday_day: int | None
    email: str | None
    phone: str | None
    employers: list[Employer]


def blocks(session: neo4j.Session, today: date) -> Iterator[tuple[str, list[Candidate]]]:
    """Every block of two or more people sharing a key, one blocking after the other
    (a pair may come in both: the caller scores it once)."""
    for name in BLOCKINGS:
        rows = read_rows(session, q(name), today=today)
        current: tuple[str, list[Candidate]] | None = None
        for row in rows:
            if current is None or current[0] != row["key"]:
                if current is not None:
                    yield current
                current = (row["key"], [])
            current[1].append(Candidate.from_map(row["person"]))
        if current is not None:
            yield current


def window(
    session: neo4j.Session, after: str, today: date, *, limit: int
) -> tuple[list[list[Candidate]], str | None]:
    """The blocks of the next `limit` people in family-key order after the cursor `after`,
    and the cursor to continue after (None at the end). A cursor is a family key (read on
    after its whole block) or `key|id` (the rest of a block, after that person). A block
    the limit cut is left to the next window, unless it is the window's only one: then
    the next window reads the rest of it (pairs across the cut are the CLI's to find)."""
    key, _, after_id = after.partition(CURSOR_SEPARATOR)
    rows = read_rows(
        session,
        q("duplicate/window"),
        after=key,
        after_id=after_id or None,
        today=today,
        limit=limit,
    )
    grouped: dict[str, list[Candidate]] = {}
    for row in rows:
        grouped.setdefault(row["key"], []).append(Candidate.from_map(row["person"]))
    if len(rows) < limit:
        return list(grouped.values()), None
    keys = list(grouped)
    if len(keys) > 1:
        grouped.pop(keys[-1])
        return list(grouped.values()), keys[-2]
    only = grouped[keys[0]]
    return [only], f"{keys[0]}{CURSOR_SEPARATOR}{only[-1].id}"


def of_person(
    session: neo4j.Session, person_id: str, today: date, *, limit: int = 200
) -> list[Candidate]:
    """The person (first) and the people who share a blocking key with them; [] if the
    person does not exist."""
    rows = read_rows(session, q("duplicate/of_person"), id=person_id, today=today, limit=limit)
    return [Candidate.from_map(r["person"]) for r in rows]


def of_ids(session: neo4j.Session, ids: list[str], today: date) -> list[Candidate]:
    """The people `ids` (those that exist) as the duplicate score compares them."""
    rows = read_rows(session, q("duplicate/people"), ids=ids, today=today)
    return [Candidate.from_map(r["person"]) for r in rows]


def backfill_name_keys(session: neo4j.Session, *, batch: int = 5_000) -> int:
    """Give people written before the duplicate search its keys; return how many changed.

    Derived data, like search keys: versions and the graph revision stay."""
    changed = 0
    while True:
        rows = read_rows(session, q("duplicate/keys_missing"), limit=batch)
        if not rows:
            return changed
        keyed = [
            {
                "id": r["id"],
                # "" for a name with no letters: keyed, so it is not read again
                "family_key": folding.name_key(r["family_name"]),
                "given_key": folding.name_key(r["given_name"]),
            }
            for r in rows
        ]

        def work(tx: neo4j.ManagedTransaction, keyed: list[dict[str, str]] = keyed) -> None:
            tx.run(q("duplicate/set_keys"), rows=keyed).consume()

        write(session, work, changes_graph=False)
        changed += len(keyed)


@dataclass(frozen=True)
class Dismissed(Row):
    """A pair a reader found to be two people: both ids and names, when and by whom."""

    a: str
    a_name: str | None
    b: str
    b_name: str | None
    at: datetime
    by: str | None
    by_name: str | None


def dismiss(
    session: neo4j.Session, a: str, b: str, *, at: datetime, by: str
) -> tuple[str | None, str | None]:
    """Store that `a` and `b` are two people (once, whichever order) and return their names,
    the smaller id's first; NotFound if either is gone. Not an analysis tie: the graph
    revision stays."""
    rows = write_rows(
        session,
        q("duplicate/dismiss"),
        changes_graph=False,
        missing=NOT_FOUND,
        a=a,
        b=b,
        at=at,
        by=by,
    )
    return rows[0]["a_name"], rows[0]["b_name"]


def restore(session: neo4j.Session, a: str, b: str) -> None:
    """Take back the dismissal of `a` and `b`; NotFound if the pair was not dismissed."""
    write_rows(
        session, q("duplicate/restore"), changes_graph=False, missing=NOT_DISMISSED, a=a, b=b
    )


def dismissed_among(
    session: neo4j.Session, pairs: Iterable[tuple[str, str]]
) -> set[tuple[str, str]]:
    """Those of `pairs` that were dismissed, as given."""
    asked = [list(p) for p in pairs]
    if not asked:
        return set()
    rows = read_rows(session, q("duplicate/dismissed_among"), pairs=asked)
    return {(str(r["a"]), str(r["b"])) for r in rows}


def dismissed(session: neo4j.Session, *, limit: int) -> list[Dismissed]:
    """The newest `limit` dismissed pairs, newest first."""
    return Dismissed.from_maps(read_rows(session, q("duplicate/dismissed"), limit=limit))
