"""Reads for pickers: products and events by name, and a record's name.

Colleagues come from ``graph.team`` and "does this id exist" from ``bundles.existing_ids``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

import neo4j

from kamgraph.cypher import q, q_with
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import read_rows


@dataclass(frozen=True)
class Found(Row):
    """A record a picker may offer: its id, name, and what tells namesakes apart."""

    id: str
    name: str
    context: str | None


def products(session: neo4j.Session, terms: str, limit: int) -> list[Found]:
    """Products matching the Lucene query `terms` (brand or INN), best first; the context
    is the INN and the maker."""
    return Found.from_maps(read_rows(session, q("pick/products"), terms=terms, limit=limit))


def events(session: neo4j.Session, words: list[str], limit: int) -> list[Found]:
    """Events whose name holds every (lower-case) word, latest first; the context is the
    date and the city."""
    return Found.from_maps(read_rows(session, q("pick/events"), words=words, limit=limit))


def name_of(session: neo4j.Session, label: LiteralString, record_id: str) -> str | None:
    """A record's name (a tender's title), or None if there is no such record."""
    rows = read_rows(session, q_with("pick/name", LABEL=label), id=record_id)
    return str(rows[0]["name"] or "") if rows else None
