"""Bulk writes and reads of whole bundles: batched UNWIND upserts, and the export's reads."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, LiteralString

import neo4j

from kamgraph import clock
from kamgraph.cypher import q, q_with
from kamgraph.models import HISTORY_FIELDS
from kamgraph.repository._props import native, node_params, node_row, on_create, store_value
from kamgraph.repository._tx import acting_user, count_records, translated, write
from kamgraph.repository.history import PERSON_FIELDS
from kamgraph.schema import (
    NODE_TABLES,
    PEOPLE,
    RELATIONSHIP_RULES,
    RELATIONSHIPS,
    Bundle,
    Rows,
    Table,
    stored_ends,
)

BATCH_SIZE = 5_000
PROVENANCE = ("source", "recorded_at", "recorded_by")

# Called after each batch with (table, rows written so far in that table).
Progress = Callable[[str, int], None]


@dataclass
class WriteCounts:
    """What an import did, per table."""

    created: dict[str, int] = field(default_factory=dict[str, int])
    updated: dict[str, int] = field(default_factory=dict[str, int])

    def add(self, table: str, created: int, updated: int) -> None:
        self.created[table] = self.created.get(table, 0) + created
        self.updated[table] = self.updated.get(table, 0) + updated


def existing_ids(session: neo4j.Session, label: str, ids: set[str]) -> dict[str, str | None]:
    """Which of `ids` exist as `label` nodes, with their kind."""
    table = next(t for t in NODE_TABLES if t.label == label)
    query = q_with("bundle/existing_ids", LABEL=table.label)

    def work(tx: neo4j.ManagedTransaction) -> dict[str, str | None]:
        return {r["id"]: r["kind"] for r in tx.run(query, ids=sorted(ids))}

    with translated():
        return session.execute_read(work)


def write_bundle(
    session: neo4j.Session,
    bundle: Rows,
    columns: dict[str, set[str]],
    *,
    source: str = "import",
    recorded_by: str = "import",
    progress: Progress | None = None,
    create_only: bool = False,
    first_ties: Collection[str] = (),
    history: bool = True,
) -> WriteCounts:
    """Upsert a validated bundle in batches; `columns` are the columns each table's file had.

    A column the file lacks leaves that property alone; an empty cell clears it. With
    `create_only` (a "new" form), records are created, never updated: an id that exists,
    or that another user creates at the same moment, is a Conflict and nothing is written.

    `first_ties` are relationship types of which the database held none when the write
    began (see :func:`absent_ties`): the checked bundle holds each tie once, so they are
    created without merging or comparing, at the speed of a plain ``CREATE``.

    With `history` (the default), ties created or changed get a change-log entry
    (models.HISTORY_FIELDS), and so do people whose own fields change (as an edit on the
    form does: history.PERSON_FIELDS), each batch's entries in the batch's transaction; the
    demo and generated graphs pass False: a first load is where history starts, not a
    change (nor is a first load of a tie type).
    """
    counts = WriteCounts()
    provenance = {"source": source, "recorded_by": recorded_by, "recorded_at": clock.now()}
    for table in NODE_TABLES:
        present = columns.get(table.name, set())
        query = q_with(
            "bundle/create_nodes" if create_only else "bundle/upsert_nodes", LABEL=table.label
        )
        node_rows = (node_params(table, row, present, source) for row in bundle.rows(table.name))
        logged = history and not create_only and table is PEOPLE
        for done, batch in _batches(node_rows):
            params = {"rows": batch, "on_create": on_create(table.label), **provenance}
            first = _person_log(batch, provenance, source) if logged else None
            created, updated = _run_counts(session, query, params, first=first)
            counts.add(table.name, created, updated)
            if progress:
                progress(table.name, done)
        # Links after all the table's nodes, which they may point at (a parent further down).
        for link in table.links:
            if link.column not in present:
                continue
            column = table.column(link.column)
            many = column is not None and column.many
            link_rows = (
                {
                    "id": r["id"],
                    "to": list(r.get(link.column) or ()) if many else _one(r.get(link.column)),
                }
                for r in bundle.rows(table.name)
            )
            link_query = q_with(
                "bundle/set_links", FROM=table.label, TYPE=link.type, TO=link.to_label
            )
            for _, batch in _batches(link_rows):
                _run_counts(session, link_query, {"rows": batch, **provenance})
    _write_relationships(
        session,
        bundle,
        columns=columns,
        provenance=provenance,
        counts=counts,
        progress=progress,
        first_ties=frozenset(first_ties),
        history=history,
    )
    return counts


def absent_ties(session: neo4j.Session) -> set[str]:
    """The relationship types of which the database holds none (for `first_ties`)."""
    absent: set[str] = set()
    for rule in RELATIONSHIP_RULES.values():
        query = q_with(
            "bundle/any_relationship", FROM=rule.from_label, TYPE=rule.type, TO=rule.to_label
        )
        if not _rows(session, query):
            absent.add(rule.type)
    return absent


def _write_relationships(
    session: neo4j.Session,
    bundle: Rows,
    *,
    columns: dict[str, set[str]],
    provenance: dict[str, Any],
    counts: WriteCounts,
    progress: Progress | None,
    first_ties: frozenset[str],
    history: bool,
) -> None:
    """Stream the relationships in file order, one batch buffer per type."""
    present = columns.get(RELATIONSHIPS.name, set())
    buffers: dict[str, list[dict[str, Any]]] = {}
    written = 0

    def flush(rel_type: str) -> None:
        nonlocal written
        rule = RELATIONSHIP_RULES[rel_type]
        name = (
            "bundle/create_relationships"
            if rel_type in first_ties
            else "bundle/upsert_symmetric"
            if rule.symmetric
            else "bundle/upsert_relationships"
        )
        query = q_with(name, FROM=rule.from_label, TYPE=rule.type, TO=rule.to_label)
        batch = buffers.pop(rel_type)
        tracked = list(HISTORY_FIELDS.get(rel_type, ()))
        params = {
            "rows": batch,
            "type": rel_type,
            "tracked": tracked,
            "history": history and bool(tracked),
            **provenance,
        }
        created, updated = _run_counts(session, query, params)
        counts.add(RELATIONSHIPS.name, created, updated)
        written += len(batch)
        if progress:
            progress(RELATIONSHIPS.name, written)

    for row in bundle.rows(RELATIONSHIPS.name):
        buffer = buffers.setdefault(row["type"], [])
        buffer.append(_relationship_params(row, present))
        if len(buffer) >= BATCH_SIZE:
            flush(row["type"])
    for rel_type in list(buffers):
        flush(rel_type)


def _one(value: Any) -> list[Any]:
    return [] if value is None else [value]


def _batches(rows: Iterable[dict[str, Any]]) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """Batches of BATCH_SIZE rows, with how many rows were read so far; never all at once."""
    batch: list[dict[str, Any]] = []
    done = 0
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH_SIZE:
            done += len(batch)
            yield done, batch
            batch = []
    if batch:
        yield done + len(batch), batch


def _person_log(
    batch: list[dict[str, Any]], provenance: dict[str, Any], source: str
) -> tuple[LiteralString, dict[str, Any]]:
    """The query that logs a batch's changes to people's own fields, and its parameters."""
    rows = [{"id": r["id"], "props": r["props"]} for r in batch]
    return q("history/log_import_fields"), {
        "rows": rows,
        "tracked": list(PERSON_FIELDS),
        "recorded_at": provenance["recorded_at"],
        "recorded_by": acting_user() or provenance["recorded_by"],
        "source": source,
    }


def _run_counts(
    session: neo4j.Session,
    query: LiteralString,
    params: dict[str, Any],
    *,
    first: tuple[LiteralString, dict[str, Any]] | None = None,
) -> tuple[int, int]:
    """Run an upsert batch, after `first` (a query and its parameters) in the same
    transaction; return (created, updated) from the summary and the query's row."""

    def work(tx: neo4j.ManagedTransaction) -> tuple[int, int]:
        if first is not None:
            tx.run(*first).consume()
        result = tx.run(query, params)
        record = result.single(strict=True)
        counters = result.consume().counters
        # A query that counts its own (relationships that also write the change log) says so.
        created = record.get("created")
        if created is None:
            created = counters.nodes_created + counters.relationships_created
        updated = int(record.get("updated") or 0)
        return created, updated

    return write(session, work)


def _relationship_params(row: dict[str, Any], present: set[str]) -> dict[str, Any]:
    props = {k: store_value(v) for k, v in row["props"].items() if k in present}
    for name in ("since", "until"):
        if name in present:
            props[name] = row.get(name)
    # Provenance the row gives is compared and stored like any property; absent, it is kept.
    props.update({k: row[k] for k in PROVENANCE if row.get(k) is not None})
    from_id, to_id = stored_ends(row["type"], row["from_id"], row["to_id"])
    return {"from": from_id, "to": to_id, "props": props}


# --- export: the database back into a Bundle of typed rows ---


def read_everything(session: neo4j.Session) -> Bundle:
    """Everything in the database, as typed bundle rows in a stable order."""
    bundle = Bundle()
    for table in NODE_TABLES:
        rows = [node_row(table, r["props"]) for r in _read(session, "bundle/export_nodes", table)]
        by_id = {row["id"]: row for row in rows}
        for link in table.links:
            query = q_with(
                "bundle/export_links", FROM=table.label, TYPE=link.type, TO=link.to_label
            )
            column = table.column(link.column)
            for record in _rows(session, query):
                row = by_id.get(record["id"])
                if row is None:
                    continue
                if column is not None and column.many:
                    row[link.column] = (*(row[link.column] or ()), record["to"])
                else:
                    row[link.column] = record["to"]
        bundle.tables[table.name] = rows
    bundle.tables[RELATIONSHIPS.name] = _read_relationships(session)
    return bundle


def _read(session: neo4j.Session, name: str, table: Table) -> list[dict[str, Any]]:
    return _rows(session, q_with(name, LABEL=table.label))


def _rows(session: neo4j.Session, query: LiteralString) -> list[dict[str, Any]]:
    def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
        rows = [record.data() for record in tx.run(query)]
        count_records(len(rows))
        return rows

    with translated():
        return session.execute_read(work)


def _read_relationships(session: neo4j.Session) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for rule in RELATIONSHIP_RULES.values():
        query = q_with(
            "bundle/export_relationships", FROM=rule.from_label, TYPE=rule.type, TO=rule.to_label
        )
        for record in _rows(session, query):
            props = record["props"]
            row: dict[str, Any] = {
                "type": rule.type,
                "from_id": record["from"],
                "to_id": record["to"],
            }
            row["props"] = {name: native(props.get(name)) for name in rule.props}
            for name in ("source", "recorded_at", "recorded_by", "since", "until"):
                row[name] = native(props.get(name))
            rows.append(row)
    return rows
