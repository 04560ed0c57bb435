"""Import and export as the CLI and the seeds use them: read, validate all, then write."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import LiteralString

import neo4j

from kamgraph import clock
from kamgraph.bundle import EXPORT_FORMATS, calendar, ocds, screen, writers
from kamgraph.bundle.readers import RawBundle, read_bundle
from kamgraph.bundle.validate import Checked, LazyBundle, Problems, check, typed_rows
from kamgraph.errors import Invalid
from kamgraph.repository import bundles, special_category
from kamgraph.repository._tx import note_change
from kamgraph.schema import RELATIONSHIP_RULES, Bundle
from kamgraph.screening import record as special


class InvalidBundle(Invalid):
    """The bundle has problems; nothing was written. `problems`: the first ones in full."""

    def __init__(self, found: Problems) -> None:
        self.problems = found.listed()
        self.total = found.total
        self.counted = found.by_column  # (file, column) -> problems beyond the kept ones
        super().__init__(f"{found.total:,} problem(s) found; nothing was written")


SHOWN_PROBLEMS = 100


def problem_lines(error: InvalidBundle, limit: int = SHOWN_PROBLEMS) -> list[str]:
    """The first `limit` problems as FILE:LINE: column: message, then how many more, by column.

    A million bad rows must not print two million lines: the first hundred say what is
    wrong, the counts say how widespread it is.
    """
    lines = [str(p) for p in error.problems[:limit]]
    if error.total > limit:
        by_column = Counter(error.counted)
        by_column.update((p.file, p.column) for p in error.problems[limit:])
        counts = ", ".join(
            f"{file}: {column} {n:,}" for (file, column), n in by_column.most_common()
        )
        lines.append(f"... and {error.total - limit:,} more problems ({counts})")
    return lines


@dataclass(frozen=True)
class ImportResult:
    """Rows read per table, and what the write created and updated (empty on a dry run)."""

    rows: dict[str, int]
    counts: bundles.WriteCounts | None
    special_category: int = 0  # fields that look like special-category data (kept, with a reason)
    notes: list[str] = dataclasses.field(default_factory=list[str])  # read, not imported


def _check(session: neo4j.Session, raw: RawBundle) -> Checked:
    checked = check(raw, lambda label, ids: bundles.existing_ids(session, label, ids))
    if checked.problems.total:
        raise InvalidBundle(checked.problems)
    return checked


def load(
    session: neo4j.Session, path: Path, *, special_reason: str | None = None
) -> tuple[Bundle, dict[str, set[str]], list[screen.Hit]]:
    """Read and validate PATH completely, into memory (the demo); InvalidBundle if bad, and
    SpecialCategoryFound if its text looks like special-category data and no reason is
    given. Returns the bundle, its columns, and the hits to :func:`mark` once written."""
    raw = read_bundle(path)
    checked = _check(session, raw)
    hits = _screened(raw, special_reason)
    bundle = Bundle({name: list(typed_rows(raw, name)) for name in checked.rows})
    return bundle, raw.columns, hits


def _screened(raw: RawBundle, reason: str | None) -> list[screen.Hit]:
    """The special-category hits; refused without a reason; with one, noted for the audit
    entry of the import (categories, fields, how many records and the reason; no words)."""
    hits = screen.scan(raw)
    if not hits:
        return []
    reason = (reason or "").strip()
    if not reason:
        raise screen.SpecialCategoryFound(hits)
    summary = {
        "categories": screen.categories(hits),
        "why": reason,
        "fields": sorted({f"{h.table}.{h.field}" for h in hits}),
        "records": len({(h.table, h.record_id) for h in hits}),
    }
    note_change(
        {"special_category": [None, json.dumps(summary, ensure_ascii=False, sort_keys=True)]}
    )
    return hits


_LABELS: dict[str, LiteralString] = {"people": "Person", "interactions": "Interaction"}


def mark(session: neo4j.Session, hits: list[screen.Hit], *, reason: str, by: str) -> int:
    """Record on every flagged person and interaction why its special-category data is
    kept (the reason, who gave it, when); return how many records were marked."""
    marked = 0
    when = clock.now().isoformat(timespec="seconds")
    for table, label in _LABELS.items():
        mine = [h for h in hits if h.table == table]
        if not mine:
            continue
        flagged: dict[str, dict[str, tuple[str, ...]]] = {}
        words: dict[str, set[str]] = {}
        for hit in mine:
            flagged.setdefault(hit.record_id, {})[hit.field] = tuple(
                f.category for f in hit.findings
            )
            words.setdefault(hit.record_id, set()).update(
                special.words_of({hit.field: list(hit.findings)})
            )
        justification = special.Justification(
            reason.strip(), by, when, tuple(screen.categories(mine))
        )
        marked += special_category.mark(session, label, flagged, words, justification)
    return marked


def import_path(
    session: neo4j.Session,
    path: Path,
    *,
    dry_run: bool = False,
    source: str = "import",
    progress: bundles.Progress | None = None,
    special_reason: str | None = None,
    by: str = "import",
) -> ImportResult:
    """Validate everything, then (unless dry_run) upsert it in batches.

    Both passes stream the files, so memory stays bounded whatever their size: the check
    keeps ids and the first problems, the write reads the rows again batch by batch.
    Free text that looks like special-category data is refused (SpecialCategoryFound,
    nothing written) unless `special_reason` says why it is needed; the flagged records
    then keep the reason, and `by` as who gave it.
    """
    raw = read_bundle(path)
    if isinstance(raw, ocds.OcdsPackage):
        raw.drop_known(lambda label, ids: bundles.existing_ids(session, label, ids))
    notes = [str(note) for note in raw.notes]
    stamp = raw.fingerprint()
    checked = _check(session, raw)
    hits = _screened(raw, special_reason)
    if dry_run:
        return ImportResult(checked.rows, None, len(hits), notes)
    if raw.fingerprint() != stamp:
        msg = f"{path} changed while it was being checked; nothing was written: import it again"
        raise Invalid(msg)
    counts = bundles.write_bundle(
        session,
        LazyBundle(raw, checked.rows),
        raw.columns,
        source=source,
        progress=progress,
        first_ties=bundles.absent_ties(session),
    )
    if raw.fingerprint() != stamp:
        msg = f"{path} changed during the import; check the result, or run the import again"
        raise Invalid(msg)
    if hits:
        mark(session, hits, reason=special_reason or "", by=by)
    return ImportResult(checked.rows, counts, len(hits), notes)


def export_format(path: Path, requested: str | None) -> str:
    """The format for PATH: as requested, else from its suffix (a folder means CSV)."""
    if requested:
        return requested
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in EXPORT_FORMATS else "csv"


def of_segment(bundle: Bundle, segment: str) -> Bundle:
    """`bundle` with only the people of stakeholder `segment` (models.SEGMENTS): their ties,
    and the interactions whose participants are all among them (an interaction is never cut,
    so importing the file back changes no one else's). Other tables stay whole, so every
    reference still resolves."""
    people = [p for p in bundle.rows("people") if segment in (p.get("segments") or ())]
    kept = {str(p["id"]) for p in people}

    def held(table: str, record_id: str) -> bool:
        return table != "people" or record_id in kept

    tables = dict(bundle.tables)
    tables["people"] = people
    tables["relationships"] = [
        r
        for r in bundle.rows("relationships")
        if held(RELATIONSHIP_RULES[r["type"]].from_table, str(r["from_id"]))
        and held(RELATIONSHIP_RULES[r["type"]].to_table, str(r["to_id"]))
    ]
    tables["interactions"] = [
        i
        for i in bundle.rows("interactions")
        if i.get("participant_ids") and set(i["participant_ids"]) <= kept
    ]
    return Bundle(tables)


def export_path(
    session: neo4j.Session,
    path: Path,
    fmt: str,
    *,
    keep: Callable[[Bundle], Bundle] | None = None,
    watermark: str | None = None,
) -> Bundle:
    """Write the database to PATH as json, csv (a folder), vcf or ics: what `keep` keeps of
    it (a reader's scope, redacted), with a `watermark` line (who, when)."""
    bundle = bundles.read_everything(session)
    if keep is not None:
        bundle = keep(bundle)
    if fmt == "json":
        writers.write_json(bundle, path, watermark)
    elif fmt == "csv":
        writers.write_csv_folder(bundle, path, watermark)
    elif fmt == "vcf":
        path.write_text(calendar.vcards(bundle.rows("people"), watermark), encoding="utf-8")
    elif fmt == "ics":
        names = {p["id"]: f"{p['given_name']} {p['family_name']}" for p in bundle.rows("people")}
        feed = calendar.calendar(
            bundle.rows("people"),
            bundle.rows("interactions"),
            bundle.rows("tenders"),
            names=names,
            watermark=watermark,
        )
        path.write_bytes(feed)
    elif fmt == "ocds":
        organizations = {str(o["id"]): o for o in bundle.rows("organizations")}
        package = ocds.write_package(
            bundle.rows("tenders"),
            bundle.rows("lots"),
            organizations,
            published=clock.now().astimezone(UTC).isoformat(timespec="seconds"),
            watermark=watermark,
        )
        path.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    else:
        msg = f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}"
        raise Invalid(msg)
    return bundle
