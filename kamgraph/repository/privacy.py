"""GDPR bookkeeping on people: lawful basis and collection date by default, and who has
not been informed (Art. 14) yet."""

from __future__ import annotations

from datetime import date
from typing import Any

import neo4j

from kamgraph.cypher import q
from kamgraph.models import DEFAULT_LAWFUL_BASIS
from kamgraph.repository._props import plain
from kamgraph.repository._tx import read_rows, write_rows


def fill_defaults(session: neo4j.Session, today: date) -> int:
    """Lawful basis and collection date for people recorded before they were kept;
    returns how many people changed (these are bookkeeping, not edits: no version)."""
    rows = write_rows(session, q("privacy/fill_defaults"), changes_graph=False,
                      basis=DEFAULT_LAWFUL_BASIS, today=today)  # fmt: skip
    return int(rows[0]["changed"]) if rows else 0


def not_informed(session: neo4j.Session) -> list[dict[str, Any]]:
    """Everyone not yet told that we hold their data, oldest collection first."""
    return [plain(row) for row in read_rows(session, q("privacy/not_informed"))]


def mark_informed(session: neo4j.Session, person_id: str, day: date) -> bool | None:
    """Record that the person was informed on `day`; None if there is no such person."""
    rows = write_rows(session, q("privacy/mark_informed"), changes_graph=False, id=person_id,
                      day=day)  # fmt: skip
    return True if rows else None


def subject(session: neo4j.Session, person_id: str) -> dict[str, Any] | None:
    """Everything held about one person (their access request), or None if unknown."""
    rows = read_rows(session, q("privacy/subject"), id=person_id)
    return {"controller": controller(session), **plain(rows[0])} if rows else None


def controller(session: neo4j.Session) -> str:
    """Our company's name (the data controller), or a plain description if none is set."""
    rows = read_rows(session, q("privacy/controller"))
    return str(rows[0]["name"]) if rows else "the company that runs this kamgraph"
