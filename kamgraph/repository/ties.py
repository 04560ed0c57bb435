"""Symmetric ties stored once: the migration that collapses ties entered from both sides."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import LiteralString

import neo4j

from kamgraph.cypher import q_with
from kamgraph.repository._tx import write
from kamgraph.schema import RELATIONSHIP_RULES

SYMMETRIC_TYPES: tuple[LiteralString, ...] = tuple(
    r.type for r in RELATIONSHIP_RULES.values() if r.symmetric
)
_NEVER = datetime(1, 1, 1, tzinfo=UTC)
_NEVER_DAY = date(1, 1, 1)


def collapse_symmetric(session: neo4j.Session, *, batch: int = 5_000) -> int:
    """Collapse every pair of opposite symmetric ties (KNOWS a->b and b->a) into one tie
    from the smaller id; return how many pairs were collapsed (0 on a second run).

    The later-recorded tie's properties win (``recorded_at``, then ``since``): it is the
    newer statement about the same acquaintance. A property only the earlier tie holds
    (a strength, a ``since``) is kept. Run by ``kamgraph db init``.
    """
    collapsed = 0
    for rel_type in SYMMETRIC_TYPES:
        query = q_with("tie/collapse_opposite", TYPE=rel_type)
        while True:

            def work(tx: neo4j.ManagedTransaction, query: LiteralString = query) -> int:
                record = tx.run(query, limit=batch, never=_NEVER, never_day=_NEVER_DAY).single(
                    strict=True
                )
                return int(record["collapsed"])

            done = write(session, work)
            collapsed += done
            if done < batch:
                break
    return collapsed
