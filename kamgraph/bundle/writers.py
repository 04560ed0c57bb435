"""Write a bundle as JSON or as a folder of CSV files, in a canonical, byte-stable form."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from kamgraph.bundle.readers import JSON_MARKER, WATERMARK_KEY
from kamgraph.fields import LIST_SEPARATOR, neutralised
from kamgraph.models import Birthday
from kamgraph.schema import ALL_TABLES, RELATIONSHIPS, Bundle, Table

FORMAT_VERSION = 1


def scalar(value: Any) -> Any:
    """A typed value as JSON holds it: ISO dates, birthdays as 1965-12-31 or --12-31."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date | Birthday):
        return str(value) if isinstance(value, Birthday) else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, tuple):
        return [scalar(v) for v in value]  # type: ignore[misc]
    return value


def cell(value: Any) -> str:
    """A typed value as a CSV cell, never a live spreadsheet formula."""
    value = scalar(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return neutralised(f"{LIST_SEPARATOR} ".join(str(v) for v in value))  # type: ignore[misc]
    return neutralised(str(value))


def _flat(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """A row with relationship props lifted into their own columns."""
    if table is not RELATIONSHIPS:
        return row
    flat = {k: v for k, v in row.items() if k != "props"}
    flat.update(row.get("props") or {})
    return flat


def _sorted_rows(table: Table, bundle: Bundle) -> list[dict[str, Any]]:
    rows = [_flat(table, row) for row in bundle.rows(table.name)]
    if table is RELATIONSHIPS:
        return sorted(rows, key=lambda r: (r["type"], r["from_id"], r["to_id"]))
    return sorted(rows, key=lambda r: r["id"])


def write_json(bundle: Bundle, path: Path, watermark: str | None = None) -> None:
    """One JSON file; blank fields are left out of each row; `watermark` (who exported it,
    when) as its second key."""
    data: dict[str, Any] = {JSON_MARKER: FORMAT_VERSION}
    if watermark:
        data[WATERMARK_KEY] = watermark
    for table in ALL_TABLES:
        rows = []
        for row in _sorted_rows(table, bundle):
            values = {c.name: scalar(row.get(c.name)) for c in table.columns}
            rows.append({k: v for k, v in values.items() if v not in (None, [])})
        data[table.name] = rows
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")


def write_csv_folder(bundle: Bundle, folder: Path, watermark: str | None = None) -> list[Path]:
    """One <table>.csv per table, UTF-8 with a byte-order mark so Excel shows any script;
    `watermark` as a first line starting with '#' (the import skips it)."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for table in ALL_TABLES:
        path = folder / f"{table.name}.csv"
        names = [c.name for c in table.columns]
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            if watermark:
                handle.write(f"# {' '.join(watermark.split())}\n")
            writer.writerow(names)
            for row in _sorted_rows(table, bundle):
                writer.writerow([cell(row.get(name)) for name in names])
        written.append(path)
    return written
