"""Reads for record-level access: which of some records a reader's scope reaches.

The rule itself is stated in kamgraph/services/scope.py; these queries apply it to the ids a
page is about to show, so their cost follows the page, never the graph.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Final, LiteralString

import neo4j

from kamgraph.cypher import q
from kamgraph.repository._tx import read_rows

QUERIES: Final[dict[str, LiteralString]] = {
    "person": "scope/people",
    "organization": "scope/organizations",
    "tender": "scope/tenders",
}


def readable(
    session: neo4j.Session,
    kind: str,
    ids: Collection[str],
    *,
    users: Collection[str],
    regions: Collection[str],
    today: date,
) -> set[str]:
    """Those of `ids` (people, organizations or tenders) that the territories `regions` and
    the colleagues `users` (their covers and accounts) reach."""
    if not ids:
        return set()
    rows = read_rows(
        session,
        q(QUERIES[kind]),
        ids=list(set(ids)),
        users=list(users),
        regions=list(regions),
        today=today,
    )
    return {str(row["id"]) for row in rows}


def readable_interactions(
    session: neo4j.Session, ids: Collection[str], *, users: Collection[str], people: Collection[str]
) -> set[str]:
    """Those of the interactions `ids` that one of `users` logged or that had one of
    `people` taking part."""
    if not ids:
        return set()
    rows = read_rows(
        session, q("scope/interactions"), ids=list(set(ids)), users=list(users), people=list(people)
    )
    return {str(row["id"]) for row in rows}


def participants(session: neo4j.Session, ids: Collection[str]) -> set[str]:
    """The people who took part in the interactions `ids`."""
    rows = read_rows(session, q("scope/participants"), ids=list(set(ids)))
    return {str(row["id"]) for row in rows}


def team(session: neo4j.Session, regions: Collection[str]) -> list[str]:
    """The active users whose territory is one of `regions`."""
    return [str(row["id"]) for row in read_rows(session, q("scope/team"), regions=list(regions))]


def deputising(session: neo4j.Session, user_id: str, today: date) -> list[tuple[str, str | None]]:
    """The active users `user_id` deputises for on `today`, each with her territory (one
    lookup of the running deputyships: services/deputies.py)."""
    rows = read_rows(session, q("scope/deputising"), user_id=user_id, today=today)
    return [(str(row["id"]), row["region"]) for row in rows]
