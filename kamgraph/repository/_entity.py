"""Versioned records of any label: get, idempotent create, optimistic-concurrency update."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, LiteralString

import neo4j

from kamgraph import clock
from kamgraph.cypher import q_with
from kamgraph.errors import Conflict, NotFound
from kamgraph.repository import history
from kamgraph.repository._tx import note_change, translated, write
from kamgraph.schema import PEOPLE, Table
from kamgraph.screening.record import WORDS_PROP


def get_props(
    session: neo4j.Session, label: LiteralString, record_id: str
) -> dict[str, Any] | None:
    """The stored properties of one record, or None."""
    query = q_with("entity/get", LABEL=label)

    def work(tx: neo4j.ManagedTransaction) -> dict[str, Any] | None:
        record = tx.run(query, id=record_id).single()
        return None if record is None else dict(record["props"])

    with translated():
        return session.execute_read(work)


def create_props(
    session: neo4j.Session,
    label: LiteralString,
    props: dict[str, Any],
    *,
    same: Callable[[dict[str, Any]], bool],
) -> dict[str, Any]:
    """Create a record; on a duplicate id return the stored one if `same(stored)`, else Conflict.

    That makes a retried or double-submitted create harmless, while a different record
    that happens to reuse an id is refused.
    """
    query = q_with("entity/create", LABEL=label)

    def work(tx: neo4j.ManagedTransaction) -> dict[str, Any]:
        record = tx.run(query, props=props, updated_at=clock.now()).single(strict=True)
        return dict(record["props"])

    try:
        return write(session, work)
    except Conflict:
        stored = get_props(session, label, str(props["id"]))
        if stored is not None and same(stored):
            return stored
        msg = f"a different {label.lower()} with id {props['id']!r} already exists"
        raise Conflict(msg) from None


def update_props(
    session: neo4j.Session,
    table: Table,
    record_id: str,
    props: dict[str, Any],
    *,
    expected_version: int,
    links: dict[str, list[str]] | None = None,
    recorded_by: str = "manual",
) -> dict[str, Any]:
    """Save an edit made on `expected_version`; a newer stored version raises Conflict.

    `links` maps a link column of the table (e.g. parent_id) to the ids it should point
    at; they change in the same transaction, and only if the version check passed.
    """
    label = table.label
    query = q_with("entity/update", LABEL=label)
    link_queries = _link_queries(table, links or {})

    def work(tx: neo4j.ManagedTransaction) -> dict[str, Any]:
        record = tx.run(
            query,
            id=record_id,
            props=props,
            expected_version=expected_version,
            updated_at=clock.now(),
        ).single()
        # Refusals are raised inside the transaction, so it is rolled back (and not audited).
        if record is None:
            msg = f"no {label.lower()} with id {record_id!r}"
            raise NotFound(msg)
        found = record["found"]
        if found != expected_version:
            msg = (
                f"{record_id} was changed by someone else (now version {found}, "
                f"your edit was based on version {expected_version})"
            )
            raise Conflict(msg)
        _apply_links(tx, link_queries, record_id, recorded_by)
        before, after = dict(record["before"]), dict(record["props"])
        note_change(_changes(table, before, after, props))
        if label == PEOPLE.label:  # a person's own fields keep their past (history.py)
            history.log_fields(tx, record_id, _edited(before, after, props), by=recorded_by)
        return dict(record["props"])

    return write(session, work)


# Derived or bookkeeping properties an edit changes without anyone typing them.
# The words a special-category justification covers are a sensitive field's contents: the
# entry records the categories and the reason (special_category), never the words.
_NOT_CHANGES = frozenset(
    {"version", "search_key", "search_key_v", "name", WORDS_PROP, "family_key", "given_key"}
)


def _changes(
    table: Table, before: dict[str, Any], after: dict[str, Any], asked: dict[str, Any]
) -> dict[str, list[Any]]:
    """What an edit changed, field -> [before, after], for its audit entry. A sensitive
    field says that it changed, not what it holds: the trail's readers (admins,
    compliance) are not the people who may read those fields."""
    sensitive = {c.name for c in table.columns if c.sensitive}
    changes: dict[str, list[Any]] = {}
    for key in sorted(set(asked) - _NOT_CHANGES):
        old, new = before.get(key), after.get(key)
        if old != new:
            changes[key] = ["(sensitive)", "(sensitive)"] if key in sensitive else [old, new]
    return changes


def _edited(
    before: dict[str, Any], after: dict[str, Any], asked: dict[str, Any]
) -> dict[str, tuple[Any, Any]]:
    """What an edit changed, field -> (before, after), values as stored."""
    return {
        key: (before.get(key), after.get(key))
        for key in sorted(set(asked) - _NOT_CHANGES)
        if before.get(key) != after.get(key)
    }


def get_links(session: neo4j.Session, table: Table, record_id: str) -> dict[str, str | None]:
    """The single-valued link columns of a record (e.g. parent_id), read from relationships."""
    queries: dict[str, LiteralString] = {
        link.column: q_with("entity/links", FROM=table.label, TYPE=link.type, TO=link.to_label)
        for link in table.links
    }

    def work(tx: neo4j.ManagedTransaction) -> dict[str, str | None]:
        return {
            column: next((str(r["to"]) for r in tx.run(query, id=record_id)), None)
            for column, query in queries.items()
        }

    with translated():
        return session.execute_read(work)


def set_links(
    session: neo4j.Session,
    table: Table,
    record_id: str,
    links: dict[str, list[str]],
    *,
    recorded_by: str = "manual",
) -> None:
    """Point a record's link columns at exactly the given ids, in one transaction."""
    queries = _link_queries(table, links)

    def work(tx: neo4j.ManagedTransaction) -> None:
        _apply_links(tx, queries, record_id, recorded_by)

    write(session, work)


def _link_queries(
    table: Table, links: dict[str, list[str]]
) -> list[tuple[LiteralString, list[str]]]:
    return [
        (
            q_with("bundle/set_links", FROM=table.label, TYPE=link.type, TO=link.to_label),
            links[link.column],
        )
        for link in table.links
        if link.column in links
    ]


def _apply_links(
    tx: neo4j.ManagedTransaction,
    queries: list[tuple[LiteralString, list[str]]],
    record_id: str,
    recorded_by: str,
) -> None:
    for query, targets in queries:
        rows = [{"id": record_id, "to": targets}]
        tx.run(
            query, rows=rows, source="manual", recorded_by=recorded_by, recorded_at=clock.now()
        ).consume()
