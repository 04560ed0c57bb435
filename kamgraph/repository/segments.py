"""Stakeholder segments: which of some people belong to a segment (for the analyses' filter)."""

from __future__ import annotations

from collections.abc import Iterable

import neo4j

from kamgraph.cypher import q
from kamgraph.repository._tx import read_rows


def members(session: neo4j.Session, ids: Iterable[str], segment: str) -> set[str]:
    """The ids among `ids` of the people whose segments include `segment`."""
    rows = read_rows(session, q("segment/members"), ids=list(ids), segment=segment)
    return {str(row["id"]) for row in rows}
