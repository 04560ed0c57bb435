"""The special-category screen over an import's free text: each hit named by file, line and
field; the import writes nothing unless it is given a reason, which the flagged records keep."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kamgraph.bundle.readers import RawRow
from kamgraph.bundle.validate import RawRows
from kamgraph.errors import Invalid
from kamgraph.screening import CATEGORIES, Finding, screen_fields
from kamgraph.screening import record as special


@dataclass(frozen=True)
class Hit:
    """One field of one row whose text looks like special-category data."""

    file: str
    line: int
    table: str
    record_id: str
    field: str
    findings: tuple[Finding, ...]

    def __str__(self) -> str:
        found = "; ".join(
            f"{f.label}: " + ", ".join(f"'{w}'" for w in f.words) for f in self.findings
        )
        return f"{self.file}:{self.line}: {self.field}: looks like special-category data ({found})"


class SpecialCategoryFound(Invalid):
    """The import holds special-category data and no reason was given; nothing was written."""

    def __init__(self, hits: list[Hit]) -> None:
        self.hits = hits
        super().__init__(
            f"{len(hits):,} field(s) look like special-category data (health, religion, "
            "politics, sexual life; GDPR Art. 9); nothing was written. Record them only if "
            'they are needed: import again with --special-category-reason "why".'
        )


def scan(raw: RawRows) -> list[Hit]:
    """Every screened field of the people and interactions that trips the screen."""
    hits: list[Hit] = []
    for table, fields in special.SCREENED.items():
        personal = special.PERSONAL[table]
        for row in raw.rows(table):
            hits.extend(_row_hits(row, table, fields, personal))
    return hits


def _row_hits(
    row: RawRow, table: str, fields: tuple[str, ...], personal: Iterable[str]
) -> Iterable[Hit]:
    cells = {name: _text(row.cells.get(name)) for name in fields}
    for name, findings in screen_fields(cells, personal).items():
        yield Hit(
            row.file, row.line, table, str(row.cells.get("id") or "").strip(), name, tuple(findings)
        )


def _text(cell: object) -> str | None:
    if cell is None:
        return None
    if isinstance(cell, list | tuple):
        return "; ".join(str(c) for c in cell)  # pyright: ignore[reportUnknownVariableType, reportUnknownArgumentType]
    return str(cell)


def categories(hits: Iterable[Hit]) -> list[str]:
    """The categories the hits found, in the screen's order."""
    found = {f.category for hit in hits for f in hit.findings}
    return [c for c in CATEGORIES if c in found]
