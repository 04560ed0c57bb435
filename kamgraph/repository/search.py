"""Full-text search over people, organizations and tenders (case- and accent-insensitive)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import neo4j

from kamgraph.cypher import q
from kamgraph.repository._tx import read_rows

KINDS = ("person", "organization", "tender")
PER_KIND = 10
# Lucene's query syntax characters: a user's text is matched, never parsed as syntax.
_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/]|&&|\|\|)')


@dataclass(frozen=True)
class Hit:
    """One search result."""

    kind: str
    id: str
    name: str
    context: str | None


def lucene_query(text: str) -> str:
    """Each word escaped and matched as a prefix: 'ada row' finds 'Ada Rowan'."""
    words = [_LUCENE_SPECIAL.sub(r"\\\1", w) for w in text.split()]
    return " AND ".join(f"{w}*" for w in words if w)


def search(session: neo4j.Session, text: str) -> dict[str, list[Hit]]:
    """Results grouped by kind (people, organizations, tenders), best first in each."""
    query = lucene_query(text[:200])
    grouped: dict[str, list[Hit]] = {kind: [] for kind in KINDS}
    if not query:
        return grouped
    for row in read_rows(session, q("search/all"), terms=query, limit=PER_KIND):
        grouped[row["kind"]].append(Hit(row["kind"], row["id"], row["name"], row["context"]))
    return grouped
