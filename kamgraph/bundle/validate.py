"""Validate a raw bundle completely, before anything is written: types, enums, ids, references."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kamgraph.bundle import fields as f
from kamgraph.bundle.readers import Problem, RawBundle, RawRow
from kamgraph.bundle.spec import (
    NODE_TABLES,
    RELATIONSHIP_PROPS,
    RELATIONSHIP_RULES,
    RELATIONSHIPS,
    TABLES_BY_NAME,
    TYPED_BY_RULE,
    Parser,
    Table,
)

# Given a label and ids, return those that exist in the database, with their `kind`
# (organizations) or None.
ExistingIds = Callable[[str, set[str]], dict[str, str | None]]


@dataclass
class Bundle:
    """Typed rows by table (blank cells are None), ready to write or to export."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict[str, list[dict[str, Any]]])

    def rows(self, table: str) -> list[dict[str, Any]]:
        return self.tables.get(table, [])

    def count(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


@dataclass
class _Reference:
    row: RawRow
    column: str
    table: str
    ids: tuple[str, ...]
    to_kind: str | None = None


@dataclass
class _Checker:
    problems: list[Problem] = field(default_factory=list[Problem])
    references: list[_Reference] = field(default_factory=list[_Reference])

    def report(self, row: RawRow, column: str, message: str) -> None:
        self.problems.append(Problem(row.file, row.line, column, message))

    def parse(self, row: RawRow, column: str, parse: Parser, *, required: bool) -> Any:
        value = row.cells.get(column)
        if f.is_blank(value):
            if required:
                self.report(row, column, "required, but empty")
            return None
        try:
            return parse(value)
        except f.CellError as error:
            self.report(row, column, str(error))
            return None


def validate(raw: RawBundle, existing: ExistingIds) -> tuple[Bundle, list[Problem]]:
    """Return the typed bundle and every problem found (all of them, not just the first)."""
    checker = _Checker(problems=list(raw.problems))
    bundle = Bundle()
    kinds: dict[str, dict[str, str | None]] = {}
    for table in NODE_TABLES:
        rows = [_node_row(checker, table, row) for row in raw.rows(table.name)]
        bundle.tables[table.name] = rows
        _check_unique(checker, raw.rows(table.name), [r.get("id") for r in rows], "id")
        kinds[table.name] = {r["id"]: r.get("kind") for r in rows if r.get("id")}
    relationships = [_relationship_row(checker, row) for row in raw.rows(RELATIONSHIPS.name)]
    bundle.tables[RELATIONSHIPS.name] = relationships
    keys = [
        f"{r['type']} {r['from_id']} -> {r['to_id']}" if r.get("type") else None
        for r in relationships
    ]
    _check_unique(checker, raw.rows(RELATIONSHIPS.name), keys, "to_id")
    _check_references(checker, kinds, existing)
    return bundle, sorted(checker.problems, key=lambda p: (p.file, p.line, p.column))


def _node_row(checker: _Checker, table: Table, row: RawRow) -> dict[str, Any]:
    typed = {
        column.name: checker.parse(row, column.name, column.parse, required=column.required)
        for column in table.columns
    }
    for column in table.columns:
        value = typed[column.name]
        if column.ref and value:
            ids = value if column.many else (value,)
            checker.references.append(_Reference(row, column.name, column.ref, ids))
    return typed


def _relationship_row(checker: _Checker, row: RawRow) -> dict[str, Any]:
    typed: dict[str, Any] = {
        column.name: checker.parse(row, column.name, column.parse, required=column.required)
        for column in RELATIONSHIPS.columns
        if column.name not in RELATIONSHIP_PROPS
    }
    rule = RELATIONSHIP_RULES.get(typed["type"] or "")
    if rule is None:
        return typed
    props: dict[str, Any] = {}
    for name, generic in RELATIONSHIP_PROPS.items():
        parser = TYPED_BY_RULE.get((rule.type, name), generic)
        if name in rule.props:
            props[name] = checker.parse(row, name, parser, required=name in rule.required)
        elif not f.is_blank(row.cells.get(name)):
            checker.report(row, name, f"does not apply to {rule.type}; leave it empty")
    typed["props"] = props
    if typed["from_id"]:
        checker.references.append(_Reference(row, "from_id", rule.from_table, (typed["from_id"],)))
    if typed["to_id"]:
        checker.references.append(
            _Reference(row, "to_id", rule.to_table, (typed["to_id"],), to_kind=rule.to_kind)
        )
    return typed


def _check_unique(
    checker: _Checker, rows: list[RawRow], keys: list[str | None], column: str
) -> None:
    first_seen: dict[str, int] = {}
    for row, key in zip(rows, keys, strict=True):
        if key is None:
            continue
        if key in first_seen:
            checker.report(row, column, f"duplicate {key!r} (first on line {first_seen[key]})")
        else:
            first_seen[key] = row.line


def _check_references(
    checker: _Checker, kinds: dict[str, dict[str, str | None]], existing: ExistingIds
) -> None:
    wanted: dict[str, set[str]] = {}
    for ref in checker.references:
        missing = {i for i in ref.ids if i not in kinds[ref.table]}
        wanted.setdefault(ref.table, set()).update(missing)
    for table, ids in wanted.items():
        if ids:
            kinds[table].update(existing(TABLES_BY_NAME[table].label, ids))
    for ref in checker.references:
        noun = TABLES_BY_NAME[ref.table].label.lower()
        for unknown in (i for i in ref.ids if i not in kinds[ref.table]):
            checker.report(ref.row, ref.column, f"unknown {noun} id {unknown!r}")
        for known in (i for i in ref.ids if i in kinds[ref.table]):
            kind = kinds[ref.table][known]
            if ref.to_kind and kind != ref.to_kind:
                message = f"{noun} {known!r} is a {kind}, not a {ref.to_kind}"
                checker.report(ref.row, ref.column, message)
