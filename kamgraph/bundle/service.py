"""Import and export as the CLI and the seeds use them: read, validate all, then write."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import neo4j

from kamgraph.bundle import EXPORT_FORMATS, calendar, writers
from kamgraph.bundle.readers import Problem, read_bundle
from kamgraph.bundle.spec import ALL_TABLES
from kamgraph.bundle.validate import Bundle, validate
from kamgraph.errors import Invalid
from kamgraph.repository import bundles


class InvalidBundle(Invalid):
    """The bundle has problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) found; nothing was written")


SHOWN_PROBLEMS = 100


def problem_lines(problems: list[Problem], limit: int = SHOWN_PROBLEMS) -> list[str]:
    """The first `limit` problems as FILE:LINE: column: message, then how many more, by column.

    A million bad rows must not print two million lines: the first hundred say what is
    wrong, the counts say how widespread it is.
    """
    lines = [str(p) for p in problems[:limit]]
    rest = problems[limit:]
    if rest:
        by_column = Counter(f"{p.file}: {p.column}" for p in rest)
        counts = ", ".join(f"{where} {n:,}" for where, n in by_column.most_common())
        lines.append(f"... and {len(rest):,} more problems ({counts})")
    return lines


@dataclass(frozen=True)
class ImportResult:
    """Rows read per table, and what the write created and updated (empty on a dry run)."""

    rows: dict[str, int]
    counts: bundles.WriteCounts | None


def load(session: neo4j.Session, path: Path) -> tuple[Bundle, dict[str, set[str]]]:
    """Read and validate PATH completely; raise InvalidBundle listing every problem."""
    raw = read_bundle(path)
    bundle, problems = validate(raw, lambda label, ids: bundles.existing_ids(session, label, ids))
    if problems:
        raise InvalidBundle(problems)
    return bundle, raw.columns


def import_path(
    session: neo4j.Session,
    path: Path,
    *,
    dry_run: bool = False,
    source: str = "import",
    progress: bundles.Progress | None = None,
) -> ImportResult:
    """Validate everything, then (unless dry_run) upsert it in batches."""
    bundle, columns = load(session, path)
    rows = {t.name: len(bundle.rows(t.name)) for t in ALL_TABLES if bundle.rows(t.name)}
    if dry_run:
        return ImportResult(rows, None)
    counts = bundles.write_bundle(session, bundle, columns, source=source, progress=progress)
    return ImportResult(rows, counts)


def export_format(path: Path, requested: str | None) -> str:
    """The format for PATH: as requested, else from its suffix (a folder means CSV)."""
    if requested:
        return requested
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in EXPORT_FORMATS else "csv"


def export_path(session: neo4j.Session, path: Path, fmt: str) -> Bundle:
    """Write the whole database to PATH as json, csv (a folder), vcf or ics."""
    bundle = bundles.read_bundle(session)
    if fmt == "json":
        writers.write_json(bundle, path)
    elif fmt == "csv":
        writers.write_csv_folder(bundle, path)
    elif fmt == "vcf":
        path.write_text(calendar.vcards(bundle.rows("people")), encoding="utf-8")
    elif fmt == "ics":
        names = {p["id"]: f"{p['given_name']} {p['family_name']}" for p in bundle.rows("people")}
        feed = calendar.calendar(
            bundle.rows("people"), bundle.rows("interactions"), bundle.rows("tenders"), names=names
        )
        path.write_bytes(feed)
    else:
        msg = f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}"
        raise Invalid(msg)
    return bundle
