"""Special-category records on imported people and interactions: read, merge, write."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, LiteralString

import neo4j

from kamgraph.cypher import q_with
from kamgraph.repository._tx import read_rows, write_rows
from kamgraph.screening.record import Justification, SpecialCategory, merged

BATCH = 5_000


def mark(
    session: neo4j.Session,
    label: LiteralString,
    flagged: Mapping[str, Mapping[str, tuple[str, ...]]],
    words: Mapping[str, set[str]],
    justification: Justification,
) -> int:
    """Record on each `label` node of `flagged` (id -> field -> categories) that its
    `words` (id -> flagged words) are justified by `justification`; keep what it had."""
    ids = sorted(flagged)
    marked = 0
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        stored = {
            row["id"]: row
            for row in read_rows(session, q_with("special_category/stored", LABEL=label), ids=batch)
        }
        rows: list[dict[str, Any]] = []
        for record_id in batch:
            before = stored.get(record_id, {})
            record, kept = merged(
                SpecialCategory.from_json(before.get("special_category")),
                set(before.get("words") or ()),
                flagged[record_id],
                words[record_id],
                justification,
            )
            rows.append({"id": record_id, "special_category": record, "words": kept})
        done = write_rows(session, q_with("special_category/mark", LABEL=label), rows=rows)
        marked += int(done[0]["marked"]) if done else 0
    return marked


def set_record(
    session: neo4j.Session, label: LiteralString, record_id: str, props: Mapping[str, Any]
) -> None:
    """Write the special-category properties a form's review decided onto a record."""
    write_rows(
        session, q_with("special_category/set", LABEL=label), id=record_id, props=dict(props)
    )
