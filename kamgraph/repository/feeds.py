"""Personal calendar feeds: the secret token's hash on the user, and the feed's contents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import neo4j

from kamgraph.cypher import q
from kamgraph.repository._props import node_row, plain
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import read_rows, write_rows
from kamgraph.schema import INTERACTIONS, PEOPLE, TENDERS


@dataclass(frozen=True)
class FeedStep(Row):
    """The stored state of a plan step of a tender in the feed (kamgraph.plan.StepState)."""

    tender_id: str
    key: str
    done: bool
    owner_id: str | None
    owner: str | None = None  # the feed needs only whose it is


@dataclass(frozen=True)
class FeedRows:
    """What a feed holds: people, interactions and tenders as the bundle's rows (the file
    format's writer, kamgraph.bundle.calendar.calendar(), takes those), and plan steps."""

    people: list[dict[str, Any]]
    interactions: list[dict[str, Any]]
    tenders: list[dict[str, Any]]
    steps: dict[str, dict[str, FeedStep]]  # tender id -> plan step key -> state


def user_for_token(session: neo4j.Session, token_hash: str) -> str | None:
    """The id of the active user with this token hash, or None."""
    rows = read_rows(session, q("calendar/token_user"), token_hash=token_hash)
    return rows[0]["id"] if rows else None


def set_token_hash(session: neo4j.Session, user_id: str, token_hash: str | None) -> None:
    """Store a new token hash (None revokes the feed)."""
    write_rows(
        session,
        q("calendar/set_token"),
        changes_graph=False,
        user_id=user_id,
        token_hash=token_hash,
    )


def has_token(session: neo4j.Session, user_id: str) -> bool:
    """Whether the user has a live feed."""
    rows = read_rows(session, q("calendar/has_token"), user_id=user_id)
    return bool(rows and rows[0]["has_token"])


def feed_rows(session: neo4j.Session, user_id: str) -> FeedRows:
    """What the user's feed holds."""
    rows = read_rows(session, q("calendar/feed"), user_id=user_id)
    if not rows:
        return FeedRows([], [], [], {})
    row = rows[0]
    return FeedRows(
        people=[node_row(PEOPLE, props) for props in row["people"]],
        interactions=[node_row(INTERACTIONS, plain(i)) for i in row["interactions"]],
        tenders=[node_row(TENDERS, props) for props in row["tenders"]],
        steps=_by_tender(FeedStep.from_maps(row["steps"])),
    )


def _by_tender(steps: list[FeedStep]) -> dict[str, dict[str, FeedStep]]:
    found: dict[str, dict[str, FeedStep]] = {}
    for step in steps:
        found.setdefault(step.tender_id, {})[step.key] = step
    return found
