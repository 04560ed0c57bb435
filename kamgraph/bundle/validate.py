"""Validate a raw bundle completely, before anything is written: types, enums, ids, references.

The check streams: it reads each table once and keeps only what later rows need (the ids
seen, a digest of each tie) and the first problems, never the rows themselves. The rows
are read again, and parsed again, when they are written (:class:`LazyBundle`). So an import
of any size validates in bounded memory.
"""

from __future__ import annotations

import hashlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from kamgraph import fields as f
from kamgraph import terms
from kamgraph.bundle.readers import Problem, RawRow
from kamgraph.errors import Invalid
from kamgraph.i18n import N_, Message
from kamgraph.schema import (
    NODE_TABLES,
    RELATIONSHIP_PROPS,
    RELATIONSHIP_RULES,
    RELATIONSHIPS,
    TABLES_BY_NAME,
    TYPED_BY_RULE,
    Bundle,
    Parser,
    Table,
    stored_ends,
    unknown_id,
)

# Given a label and ids, return those that exist in the database, with their `kind`
# (organizations) or None.
ExistingIds = Callable[[str, set[str]], dict[str, str | None]]
# Problems kept in full (the rest are counted by file and column), and how many unknown
# ids are looked up in the database at once.
KEPT_PROBLEMS = 1_000
LOOKUP_BATCH = 5_000


class RawRows(Protocol):
    """Rows as read, table by table: a RawBundle in memory, or files read as needed."""

    columns: dict[str, set[str]]
    problems: list[Problem]

    def rows(self, table: str) -> Iterable[RawRow]: ...


@dataclass
class Problems:
    """Every problem counted, the first KEPT_PROBLEMS of them in full."""

    kept: list[Problem] = field(default_factory=list[Problem])
    by_column: Counter[tuple[str, str]] = field(default_factory=Counter[tuple[str, str]])
    total: int = 0

    def add(self, problem: Problem) -> None:
        self.total += 1
        if len(self.kept) < KEPT_PROBLEMS:
            self.kept.append(problem)
        else:
            self.by_column[problem.file, problem.column] += 1

    def listed(self) -> list[Problem]:
        """The kept problems in file, line and column order (a whole file's, line 0-1, first)."""
        return sorted(self.kept, key=lambda p: (p.file, p.line, p.column))


@dataclass
class Checked:
    """The outcome of a check: the problems, and how many rows each table has."""

    problems: Problems
    rows: dict[str, int]


@dataclass(frozen=True)
class _Reference:
    file: str
    line: int
    column: str
    table: str
    id: str
    to_kind: str | None = None


class _Checker:
    """One pass over a bundle, keeping only ids, tie digests and the problems."""

    def __init__(self, existing: ExistingIds) -> None:
        self.problems = Problems()
        self.existing = existing
        # Each table's ids with the line they were first seen on; kinds only for tables
        # that have one (organizations), for checks like "must be a competitor".
        self.lines: dict[str, dict[str, int]] = {t.name: {} for t in NODE_TABLES}
        self.kinds: dict[str, dict[str, str | None]] = {}
        self.done: set[str] = set()  # tables read completely
        self.waiting: list[_Reference] = []  # not in the file (yet): the database decides
        self.resolve_at = LOOKUP_BATCH

    def report(self, row: RawRow, column: str, message: str) -> None:
        self.problems.add(Problem(row.file, row.line, column, message))

    def parse(self, row: RawRow, column: str, parse: Parser, *, required: bool) -> Any:
        value = row.cells.get(column)
        if f.is_blank(value):
            if required:
                self.report(row, column, Message(N_("required, but empty")))
            return None
        try:
            return parse(value)
        except f.CellError as error:
            self.report(row, column, error.message)
            return None

    def refer(
        self, row: RawRow, column: str, table: str, ids: Iterable[str], to_kind: str | None = None
    ) -> None:
        for target in ids:
            ref = _Reference(row.file, row.line, column, table, target, to_kind)
            if target in self.lines[table]:
                self._check_kind(ref, self.kinds.get(table, {}).get(target))
            else:
                self.waiting.append(ref)
        if len(self.waiting) >= self.resolve_at:
            self.resolve(final=False)
            self.resolve_at = len(self.waiting) + LOOKUP_BATCH

    def resolve(self, *, final: bool) -> None:
        """Settle waiting references: in the file now, in the database, or unknown.

        A reference to a table not read to its end may still be answered by a later row,
        so until the end (`final`) only the database's answers are taken.
        """
        still: list[_Reference] = []
        ask: dict[str, set[str]] = {}
        for ref in self.waiting:
            if ref.id in self.lines[ref.table]:
                self._check_kind(ref, self.kinds.get(ref.table, {}).get(ref.id))
            else:
                ask.setdefault(ref.table, set()).add(ref.id)
        found: dict[str, dict[str, str | None]] = {
            table: self.existing(TABLES_BY_NAME[table].label, ids) for table, ids in ask.items()
        }
        for ref in self.waiting:
            if ref.id in self.lines[ref.table]:
                continue
            known = found.get(ref.table, {})
            if ref.id in known:
                self._check_kind(ref, known[ref.id])
            elif final or ref.table in self.done:
                message = unknown_id(ref.table, ref.id)
                self.problems.add(Problem(ref.file, ref.line, ref.column, message))
            else:
                still.append(ref)
        self.waiting = still

    def _check_kind(self, ref: _Reference, kind: str | None) -> None:
        if ref.to_kind and kind != ref.to_kind:
            message = Message(
                N_("organization %(id)s is a %(kind)s, not a %(expected)s"),
                id=repr(ref.id),
                kind=terms.word("organization kind", kind or ""),
                expected=terms.word("organization kind", ref.to_kind),
            )
            self.problems.add(Problem(ref.file, ref.line, ref.column, message))


def check(raw: RawRows, existing: ExistingIds) -> Checked:
    """Read every row once and find every problem (the first ones in full, all counted)."""
    checker = _Checker(existing)
    # The files' own problems (headers, unknown tables) first: they explain the rows'.
    for problem in raw.problems:
        checker.problems.add(problem)
    read_before = len(raw.problems)
    counts: dict[str, int] = {}
    for table in NODE_TABLES:
        n = 0
        for row in raw.rows(table.name):
            n += 1
            typed = _node_row(checker, table, row)
            record_id = typed.get("id")
            if record_id is None:
                continue
            first = checker.lines[table.name].setdefault(record_id, row.line)
            if first != row.line:
                checker.report(row, "id", f"duplicate {record_id!r} (first on line {first})")
            if typed.get("kind") is not None:
                checker.kinds.setdefault(table.name, {})[record_id] = typed["kind"]
        checker.done.add(table.name)
        if n:
            counts[table.name] = n
    ties = _TieDigests()
    n = 0
    for row in raw.rows(RELATIONSHIPS.name):
        n += 1
        typed = _relationship_row(checker, row)
        if typed.get("type") and typed.get("from_id") and typed.get("to_id"):
            ties.add(_tie_key(typed), row.line)
    if n:
        counts[RELATIONSHIPS.name] = n
        _report_duplicate_ties(checker, raw, ties)
    checker.resolve(final=True)
    # And what the reader found while reading the rows (an unreadable line, say).
    for problem in raw.problems[read_before:]:
        checker.problems.add(problem)
    return Checked(checker.problems, counts)


def _tie_key(typed: dict[str, Any]) -> str:
    # A symmetric tie (KNOWS) entered from both ends is the same tie twice.
    from_id, to_id = stored_ends(typed["type"], typed["from_id"], typed["to_id"])
    return f"{typed['type']} {from_id} -> {to_id}"


class _TieDigests:
    """A 64-bit digest and the line of every tie: 12 bytes a tie, for the duplicate check.

    Ties are the largest table (about ten a person), so a dict of their keys would be the
    largest thing an import holds; the digests are sorted once at the end instead.
    """

    def __init__(self) -> None:
        self.digests = array("Q")
        self.lines = array("I")  # 4 bytes: lines up to 4 billion

    def add(self, key: str, line: int) -> None:
        digest = hashlib.blake2b(key.encode(), digest_size=8).digest()
        self.digests.append(int.from_bytes(digest, "little"))
        self.lines.append(line)

    def duplicates(self) -> dict[int, int]:
        """Line of each repeated tie -> the line where it first appears."""
        if not self.digests:
            return {}
        digests = np.frombuffer(self.digests, dtype=np.uint64)
        lines = np.frombuffer(self.lines, dtype=np.uint32)
        order = np.lexsort((lines, digests))  # by digest, then by line
        ordered = digests[order]
        repeats = np.flatnonzero(ordered[1:] == ordered[:-1]) + 1
        if not repeats.size:
            return {}
        # Where each run of equal digests starts, for every position: its first line.
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        first = starts[np.searchsorted(starts, repeats, side="right") - 1]
        repeated_lines = lines[order[repeats]].tolist()
        first_lines = lines[order[first]].tolist()
        return dict(zip(repeated_lines, first_lines, strict=True))


def _report_duplicate_ties(checker: _Checker, raw: RawRows, ties: _TieDigests) -> None:
    """Name each repeated tie; only then are the rows read again, for their keys."""
    repeated = ties.duplicates()
    if not repeated:
        return
    quiet = _Checker(lambda label, ids: {})
    for row in raw.rows(RELATIONSHIPS.name):
        if row.line in repeated:
            key = _tie_key(_relationship_row(quiet, row, refer=False))
            message = f"duplicate {key!r} (first on line {repeated[row.line]})"
            checker.report(row, "to_id", message)


def typed_rows(raw: RawRows, table_name: str) -> Iterator[dict[str, Any]]:
    """A checked table's rows, typed (parsed again as they are read; no rows are kept).

    The rows were checked; if one now has a problem, or the file cannot be read to its end,
    the file changed after the check, and the write stops (Invalid) instead of writing it.
    """
    again = _Checker(lambda label, ids: {})
    problems_before = len(raw.problems)
    table = None if table_name == RELATIONSHIPS.name else TABLES_BY_NAME[table_name]
    for row in raw.rows(table_name):
        if table is None:
            typed = _relationship_row(again, row, refer=False)
        else:
            typed = _node_row(again, table, row, refer=False)
        if again.problems.total:
            _changed(again.problems.kept[0])
        yield typed
    if len(raw.problems) > problems_before:
        _changed(raw.problems[-1])


def _changed(problem: Problem) -> None:
    msg = (
        f"{problem.file} changed after it was checked ({problem}); the rows before it "
        "were written: fix the file and run the same import again"
    )
    raise Invalid(msg)


@dataclass
class LazyBundle:
    """A checked bundle whose typed rows are read from its files each time they are asked for."""

    raw: RawRows
    counts: dict[str, int]

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        return typed_rows(self.raw, table) if self.counts.get(table) else iter(())

    def count(self) -> int:
        return sum(self.counts.values())


def validate(raw: RawRows, existing: ExistingIds) -> tuple[Bundle, list[Problem]]:
    """The typed bundle in memory, or the problems (the kept ones) and an empty bundle."""
    checked = check(raw, existing)
    if checked.problems.total:
        return Bundle(), checked.problems.listed()  # nothing to write
    return Bundle({name: list(typed_rows(raw, name)) for name in checked.rows}), []


def _node_row(
    checker: _Checker, table: Table, row: RawRow, *, refer: bool = True
) -> dict[str, Any]:
    before = checker.problems.total
    typed = {
        column.name: checker.parse(row, column.name, column.parse, required=column.required)
        for column in table.columns
    }
    if checker.problems.total == before:  # across cells only once each cell reads well
        present = {name: value for name, value in typed.items() if name in row.cells}
        for column_name, message in table.problems(present):
            checker.report(row, column_name, message)
    if refer:
        for column in table.columns:
            value = typed[column.name]
            if column.ref and value:
                checker.refer(row, column.name, column.ref, value if column.many else (value,))
    return typed


def _relationship_row(checker: _Checker, row: RawRow, *, refer: bool = True) -> dict[str, Any]:
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
    if refer and typed["from_id"]:
        checker.refer(row, "from_id", rule.from_table, (typed["from_id"],))
    if refer and typed["to_id"]:
        checker.refer(row, "to_id", rule.to_table, (typed["to_id"],), to_kind=rule.to_kind)
    return typed
