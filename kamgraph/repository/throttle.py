"""Sign-in throttle counters kept in Neo4j, so every web process counts the same failures."""

from __future__ import annotations

import neo4j

from kamgraph.cypher import q
from kamgraph.errors import KamgraphError
from kamgraph.repository._tx import read_rows, write_rows

# What a counter store may raise when the database fails under it (views/limits.py turns
# these into "not counted", never a 500): ours, and the driver's.
FAILURES: tuple[type[Exception], ...] = (KamgraphError, neo4j.exceptions.Neo4jError)


def incr(session: neo4j.Session, key: str, *, expiry: int, amount: int, now: float) -> int:
    """Count `amount` more against `key`; a passed window starts again. The new count."""
    rows = write_rows(
        session,
        q("throttle/incr"),
        changes_graph=False,
        key=key,
        expiry=float(expiry),
        amount=amount,
        now=now,
    )
    return int(rows[0]["count"])


def get(session: neo4j.Session, key: str, *, now: float) -> tuple[int, float] | None:
    """The count in `key`'s open window and when the window ends, or None."""
    rows = read_rows(session, q("throttle/get"), key=key, now=now)
    return (int(rows[0]["count"]), float(rows[0]["expires_at"])) if rows else None


def clear(session: neo4j.Session, key: str | None) -> int:
    """Forget `key` (None: every counter); how many were forgotten."""
    rows = write_rows(session, q("throttle/clear"), changes_graph=False, key=key)
    return int(rows[0]["cleared"])
