"""Managed-transaction helpers shared by the repository modules; the error translation edge."""

import json
from collections.abc import Callable, Generator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, LiteralString, TypeVar

import neo4j
from neo4j.exceptions import ConstraintError, ServiceUnavailable, SessionExpired

from kamgraph import clock
from kamgraph.cypher import q
from kamgraph.db import unreachable_reason
from kamgraph.errors import Conflict, NotFound, Unavailable

T = TypeVar("T")


@contextmanager
def translated() -> Generator[None]:
    """Turn driver errors into kamgraph.errors at the repository edge."""
    try:
        yield
    except ConstraintError as error:
        raise Conflict(error.message or "a record with this id already exists") from error
    except (ServiceUnavailable, SessionExpired) as error:
        msg = f"Neo4j is not reachable: {unreachable_reason(error)}"
        raise Unavailable(msg) from error


@dataclass
class _PendingAudit:
    entry: dict[str, Any]
    written: bool = False


_pending_audit: ContextVar[_PendingAudit | None] = ContextVar("kamgraph_audit", default=None)


def note_change(changes: Mapping[str, Any]) -> None:
    """Attach what a change changed (field -> [before, after]) to the audit entry of the
    change being made, if one is pending; it is written, and chained, with the entry."""
    pending = _pending_audit.get()
    if pending is not None and not pending.written and changes:
        pending.entry["details"] = json.dumps(
            changes, sort_keys=True, ensure_ascii=False, default=str
        )


def acting_user() -> str | None:
    """Who makes the change being made (its pending audit entry's user), if anyone said."""
    pending = _pending_audit.get()
    return None if pending is None else str(pending.entry["user_id"])


@contextmanager
def audited(*, user_id: str, action: str, target_id: str, path: str) -> Generator[None]:
    """Record this change in the audit trail, in the same transaction as the change.

    The entry is written inside the first write transaction of the block, so it commits
    if and only if that transaction does: a write that is refused or rolled back leaves no
    entry, and a block that writes nothing (a form with errors) records nothing.
    """
    pending = _PendingAudit(
        {"user_id": user_id, "action": action, "target_id": target_id, "path": path}
    )
    token = _pending_audit.set(pending)
    try:
        yield
    finally:
        _pending_audit.reset(token)


_records_read: ContextVar[list[int] | None] = ContextVar("kamgraph_records", default=None)


def count_from_here() -> list[int]:
    """Count the records (and packed ties) the repository reads from now on in this
    thread's context: ``box[0]``.

    The web app counts each request's (the ``db`` entry of its Server-Timing header), so
    anyone can see that a page reads what it shows, not the whole graph.
    """
    box = [0]
    _records_read.set(box)
    return box


def count_records(n: int) -> None:
    """Add `n` to the count :func:`count_from_here` started, if any."""
    box = _records_read.get()
    if box is not None:
        box[0] += n


def read_rows(session: neo4j.Session, query: LiteralString, **params: Any) -> list[dict[str, Any]]:
    """Run a read query in a managed transaction and return its rows as plain dicts."""

    def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
        rows = [record.data() for record in tx.run(query, params)]
        count_records(len(rows))
        return rows

    with translated():
        return session.execute_read(work)


def write(
    session: neo4j.Session,
    work: Callable[[neo4j.ManagedTransaction], T],
    *,
    changes_graph: bool = True,
) -> T:
    """Run `work` in a managed (retried, so idempotent) write transaction.

    A write that changes the graph's contents also counts a graph revision in the same
    transaction; cached projections compare that counter (graph.change_token). Audit
    entries, stored scores, passwords and feed tokens pass changes_graph=False, so reading
    a dossier does not throw away the analysis graph.
    """

    pending = _pending_audit.get()

    def run(tx: neo4j.ManagedTransaction) -> T:
        result = work(tx)
        if changes_graph:
            tx.run(q("graph/bump_revision")).consume()
        if pending is not None and not pending.written:
            from kamgraph.repository import audit_chain  # noqa: PLC0415 - it imports this module

            audit_chain.append(tx, {"at": clock.now(), **pending.entry})
        return result

    with translated():
        result = session.execute_write(run)
    if pending is not None:
        pending.written = True
    return result


def write_rows(
    session: neo4j.Session,
    query: LiteralString,
    *,
    changes_graph: bool = True,
    missing: str | None = None,
    **params: Any,
) -> list[dict[str, Any]]:
    """Run a write query in a managed (retried, so idempotent) transaction; return its rows.

    With `missing`, a query that returns no row (nothing matched) raises NotFound(missing)
    inside the transaction, which is rolled back: no audit entry for what did not happen.
    """

    def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
        rows = [record.data() for record in tx.run(query, params)]
        count_records(len(rows))
        if missing is not None and not rows:
            raise NotFound(missing)
        return rows

    return write(session, work, changes_graph=changes_graph)
