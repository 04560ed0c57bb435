"""Managed-transaction helpers shared by the repository modules; the error translation edge."""

from collections.abc import Callable, Generator
from contextlib import contextmanager
from typing import Any, LiteralString, TypeVar

import neo4j
from neo4j.exceptions import ConstraintError, ServiceUnavailable, SessionExpired

from kamgraph.cypher import q
from kamgraph.db import unreachable_reason
from kamgraph.errors import Conflict, Unavailable

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


def read_rows(session: neo4j.Session, query: LiteralString, **params: Any) -> list[dict[str, Any]]:
    """Run a read query in a managed transaction and return its rows as plain dicts."""

    def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
        return [record.data() for record in tx.run(query, params)]

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

    def run(tx: neo4j.ManagedTransaction) -> T:
        result = work(tx)
        if changes_graph:
            tx.run(q("graph/bump_revision")).consume()
        return result

    with translated():
        return session.execute_write(run)


def write_rows(
    session: neo4j.Session, query: LiteralString, *, changes_graph: bool = True, **params: Any
) -> list[dict[str, Any]]:
    """Run a write query in a managed (retried, so idempotent) transaction; return its rows."""

    def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
        return [record.data() for record in tx.run(query, params)]

    return write(session, work, changes_graph=changes_graph)
