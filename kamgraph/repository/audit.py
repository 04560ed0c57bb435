"""The audit trail: who viewed or changed which record, and when. Append-only."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import neo4j

from kamgraph import clock
from kamgraph.cypher import q
from kamgraph.repository import audit_chain
from kamgraph.repository._props import native
from kamgraph.repository._tx import audited, read_rows, write

__all__ = ["AuditEntry", "audited", "recent", "record"]


@dataclass(frozen=True)
class AuditEntry:
    """One access: `user_id` did `action` on `target_id` through `path` at `at`."""

    at: datetime
    user_id: str
    action: str
    target_id: str
    path: str
    details: str | None = None  # a change's fields as JSON: {"field": [before, after]}

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        """What a change changed: (field, before, after), by field."""
        if not self.details:
            return []
        found: dict[str, list[object]] = json.loads(self.details)
        return [(field, pair[0], pair[1]) for field, pair in sorted(found.items())]


def record(
    session: neo4j.Session,
    *,
    user_id: str,
    action: str,
    target_id: str,
    path: str,
    details: Mapping[str, object] | None = None,
) -> None:
    """Append one entry to the chain, stamped now (UTC); `details` (an export's row count)
    are kept as JSON, field -> [before, after], like a change's."""
    entry: dict[str, object] = {
        "at": clock.now(),
        "user_id": user_id,
        "action": action,
        "target_id": target_id,
        "path": path,
    }
    if details:
        entry["details"] = json.dumps(
            {k: [None, v] for k, v in details.items()},
            sort_keys=True,
            ensure_ascii=False,
            default=str,
        )

    def work(tx: neo4j.ManagedTransaction) -> None:
        audit_chain.append(tx, entry)

    write(session, work, changes_graph=False)


def recent(
    session: neo4j.Session, *, target_id: str | None = None, limit: int = 100
) -> list[AuditEntry]:
    """The latest entries, newest first, optionally for one record."""
    rows = read_rows(session, q("audit/recent"), target_id=target_id, limit=limit)
    return [AuditEntry(**{k: native(v) for k, v in row["entry"].items()}) for row in rows]
