"""Read a bundle (CSV folder, XLSX workbook, JSON) into rows that know their file and line."""

from __future__ import annotations

import csv
import difflib
import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO, cast

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from kamgraph.fields import restored
from kamgraph.schema import ALL_TABLES

TABLE_NAMES = tuple(t.name for t in ALL_TABLES)
# A cell's size as read (the checks then say "too long" in characters); past this the CSV
# reader stops, so an unclosed quote cannot swallow a whole file into one cell.
MAX_CELL_BYTES = 256 * 1024
# A workbook is a zip: refuse one that unpacks to more than this, or far more than it packs
# (a zip bomb), before opening it.
MAX_WORKBOOK_UNPACKED = 200_000_000
# A JSON bundle is parsed whole (the format of exports and API clients, not of bulk loads).
MAX_JSON_BYTES = 64_000_000
MAX_WORKBOOK_RATIO = 200
JSON_MARKER = "kamgraph_bundle"
WATERMARK_KEY = "watermark"  # who exported a bundle, and when (not a table)
COMMENT = "#"  # a CSV file's first lines starting with it are skipped (an export's watermark)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, printed as FILE:LINE: column: message."""

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


@dataclass(frozen=True)
class RawRow:
    """A row as read: its cells by column name, and where it came from."""

    file: str
    line: int
    cells: dict[str, Any]


@dataclass
class RawBundle:
    """Rows by table name, plus the problems found while reading."""

    tables: dict[str, list[RawRow]] = field(default_factory=dict[str, list[RawRow]])
    # The columns each table's file had: a missing column leaves that field alone.
    columns: dict[str, set[str]] = field(default_factory=dict[str, set[str]])
    problems: list[Problem] = field(default_factory=list[Problem])
    # What was read but is not imported (an OCDS release's documents...): said, not refused.
    notes: list[Problem] = field(default_factory=list[Problem])

    def rows(self, table: str) -> list[RawRow]:
        return self.tables.get(table, [])

    def fingerprint(self) -> tuple[tuple[str, int, int], ...]:
        """Name, size and modification time of each file read (none for rows in memory)."""
        return ()


class CsvFolder(RawBundle):
    """A folder of <table>.csv files: headers read at once, rows streamed on each request."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.files: dict[str, Path] = {}
        files = sorted(folder.glob("*.csv"))
        if not files:
            self.problems.append(Problem(str(folder), 0, "-", "no .csv files in this folder"))
        for path in files:
            if path.stem not in TABLE_NAMES:
                _unknown_table(self, path.name, path.stem)
                continue
            try:
                header = _csv_header(path)
            except UnicodeDecodeError:
                self.problems.append(Problem(path.name, 0, "-", _NOT_UTF8))
                continue
            _check_header(self, path.name, path.stem, header)
            self.columns[path.stem] = set(header)
            self.files[path.stem] = path

    def fingerprint(self) -> tuple[tuple[str, int, int], ...]:
        return tuple(_stamp(path) for path in sorted(self.files.values()))

    def rows(self, table: str) -> Iterator[RawRow]:  # type: ignore[override]
        path = self.files.get(table)
        if path is not None:
            yield from _read_csv(self, path)


class Workbook(RawBundle):
    """An .xlsx workbook, read-only: headers read at once, each sheet streamed on request."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.sheets: set[str] = set()
        refusal = _unsafe_workbook(path)
        if refusal:
            self.problems.append(Problem(path.name, 0, "-", refusal))
            return
        try:
            for sheet, header in _sheet_headers(path):
                file = f"{path.name}[{sheet}]"
                if sheet not in TABLE_NAMES:
                    _unknown_table(self, file, sheet)
                    continue
                _check_header(self, file, sheet, header)
                self.columns[sheet] = set(header)
                self.sheets.add(sheet)
        except _BROKEN_WORKBOOK as error:
            self._broken(error)

    def _broken(self, error: BaseException) -> None:
        message = f"not a readable .xlsx workbook ({type(error).__name__}); save it again"
        self.problems.append(Problem(self.path.name, 0, "-", message))
        self.sheets.clear()

    def fingerprint(self) -> tuple[tuple[str, int, int], ...]:
        return (_stamp(self.path),)

    def rows(self, table: str) -> Iterator[RawRow]:  # type: ignore[override]
        if table not in self.sheets:
            return
        try:
            yield from _sheet_rows(self.path, table)
        except _BROKEN_WORKBOOK as error:
            self._broken(error)


def _stamp(path: Path) -> tuple[str, int, int]:
    try:
        found = path.stat()
    except FileNotFoundError:
        return (str(path), -1, -1)
    return (str(path), found.st_size, found.st_mtime_ns)


def read_bundle(path: Path) -> RawBundle:
    """Open PATH: a folder of <table>.csv files, an .xlsx workbook, or a .json bundle (or
    an OCDS release package: `kamgraph.bundle.ocds`).

    CSV folders and workbooks are streamed: their rows are read each time they are asked
    for, never all kept. A JSON bundle is read whole, so it is limited in size.
    """
    if path.is_dir():
        return CsvFolder(path)
    if path.suffix.lower() == ".xlsx":
        return Workbook(path)
    if path.suffix.lower() == ".json":
        return _read_json(path)
    bundle = RawBundle()
    kind = "no such file or folder" if not path.exists() else "not a folder, .xlsx or .json"
    bundle.problems.append(Problem(str(path), 0, "-", kind))
    return bundle


def _unknown_table(bundle: RawBundle, file: str, name: str) -> None:
    close = difflib.get_close_matches(name, TABLE_NAMES, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    bundle.problems.append(
        Problem(file, 0, "-", f"unknown table {name!r}; {hint}expected: {', '.join(TABLE_NAMES)}")
    )


def _check_header(
    bundle: RawBundle, file: str, table: str, header: Iterable[str], *, whole_file: bool = True
) -> None:
    """Flag unknown columns and, for CSV and XLSX, required columns that are missing."""
    spec = next(t for t in ALL_TABLES if t.name == table)
    known = [c.name for c in spec.columns]
    present = set(header)
    for name in header:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            bundle.problems.append(Problem(file, 1, name, f"unknown column{hint}"))
    for column in spec.columns if whole_file else ():
        if column.required and column.name not in present:
            bundle.problems.append(Problem(file, 1, column.name, "required column is missing"))


_NOT_UTF8 = "not UTF-8 text; save it as 'CSV UTF-8' and import again"


def _delimiter(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _past_comments(handle: TextIO) -> tuple[str, int]:
    """Move `handle` past the leading comment lines (a watermark); return the header line
    (to guess the delimiter from) and how many lines were skipped."""
    skipped = 0
    while True:
        start = handle.tell()
        line = handle.readline()
        if not line.startswith(COMMENT):
            handle.seek(start)
            return line, skipped
        skipped += 1


def _csv_header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        first, _ = _past_comments(handle)
        reader = csv.reader(handle, delimiter=_delimiter(first))
        return [name.strip() for name in next(reader, cast(list[str], []))]


def _read_csv(bundle: RawBundle, path: Path) -> Iterator[RawRow]:
    # utf-8-sig drops the byte-order mark Excel writes; newline='' keeps quoted line breaks.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        first, skipped = _past_comments(handle)
        reader = csv.reader(handle, delimiter=_delimiter(first))
        csv.field_size_limit(MAX_CELL_BYTES)
        header = [name.strip() for name in next(reader, cast(list[str], []))]
        line = skipped + reader.line_num + 1
        try:
            for values in reader:
                if any(v.strip() for v in values):
                    cells = {k: restored(v) for k, v in zip(header, values, strict=False)}
                    yield RawRow(path.name, line, cells)
                line = skipped + reader.line_num + 1
        except csv.Error as error:
            # The reader's size limit stops a runaway cell (an unclosed quote) early.
            message = f"unreadable CSV ({error}); is a quote left open on this line?"
            bundle.problems.append(Problem(path.name, line, "-", message))
        except UnicodeDecodeError:
            bundle.problems.append(Problem(path.name, line, "-", _NOT_UTF8))


# What openpyxl raises on a truncated or mislabelled workbook.
_BROKEN_WORKBOOK = (
    zipfile.BadZipFile,
    InvalidFileException,
    KeyError,
    OSError,
    ValueError,
    EOFError,
    TypeError,
    AttributeError,
    IndexError,
)


def _header(values: Iterable[Any]) -> list[str]:
    header = [str(v).strip() if v is not None else "" for v in values]
    while header and not header[-1]:
        header.pop()
    return header


def _sheet_headers(path: Path) -> Iterator[tuple[str, list[str]]]:
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            first = next(sheet.iter_rows(values_only=True, max_row=1), ())
            yield sheet.title, _header(first)
    finally:
        workbook.close()


def _sheet_rows(path: Path, title: str) -> Iterator[RawRow]:
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = workbook[title].iter_rows(values_only=True)
        header = _header(next(rows, ()))
        file = f"{path.name}[{title}]"
        for number, values in enumerate(rows, start=2):
            cells = {k: restored(v) for k, v in zip(header, values, strict=False)}
            if any(v is not None and str(v).strip() for v in cells.values()):
                yield RawRow(file, number, cells)
    finally:
        workbook.close()


def _unsafe_workbook(path: Path) -> str | None:
    """Why a workbook must not be opened (a zip bomb, or not a zip at all), or None."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            packed = sum(info.compress_size for info in archive.infolist()) or 1
    except (zipfile.BadZipFile, OSError):
        return "not a readable .xlsx workbook (it is not a zip archive); save it again from Excel"
    if unpacked > MAX_WORKBOOK_UNPACKED or unpacked / packed > MAX_WORKBOOK_RATIO:
        return (
            f"this workbook unpacks to {unpacked / 1e6:,.0f} MB from {packed / 1e6:,.1f} MB; "
            f"at most {MAX_WORKBOOK_UNPACKED / 1e6:,.0f} MB are read: split it, or save it as CSV"
        )
    return None


def _json_data(path: Path, bundle: RawBundle) -> object:
    """The parsed JSON of PATH, or None with the problem noted in `bundle`."""
    size = path.stat().st_size if path.exists() else 0
    if size > MAX_JSON_BYTES:
        message = (
            f"this JSON bundle is {size / 1e6:,.0f} MB; JSON is read whole, up to "
            f"{MAX_JSON_BYTES / 1e6:,.0f} MB: import a CSV folder instead (kamgraph export DIR/)"
        )
        bundle.problems.append(Problem(path.name, 0, "-", message))
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as error:
        bundle.problems.append(Problem(path.name, error.lineno, "-", f"invalid JSON: {error.msg}"))
    except UnicodeDecodeError:
        bundle.problems.append(Problem(path.name, 0, "-", "not UTF-8 text; save it as UTF-8"))
    except RecursionError:
        message = "invalid JSON: nested too deeply (a bundle is tables of flat rows)"
        bundle.problems.append(Problem(path.name, 0, "-", message))
    return None


def _read_json(path: Path) -> RawBundle:
    """Read a JSON bundle; a row's 'line' is its 1-based position in its table's array.
    An OCDS release package is read by `kamgraph.bundle.ocds`."""
    from kamgraph.bundle import ocds  # noqa: PLC0415  (ocds reads into this module's rows)

    bundle = RawBundle()
    data = _json_data(path, bundle)
    if bundle.problems:
        return bundle
    if ocds.is_release_package(data):
        return ocds.OcdsPackage.read(path.name, cast(dict[str, Any], data))
    if not isinstance(data, dict) or JSON_MARKER not in data:
        message = f"not a kamgraph bundle (no {JSON_MARKER!r} key) nor an OCDS release package"
        bundle.problems.append(Problem(path.name, 1, "-", message))
        return bundle
    for name, rows in cast(dict[str, Any], data).items():
        if name in (JSON_MARKER, WATERMARK_KEY):
            continue
        file = f"{path.name}[{name}]"
        if name not in TABLE_NAMES:
            _unknown_table(bundle, file, name)
            continue
        if not isinstance(rows, list):
            bundle.problems.append(Problem(file, 0, "-", "a table must be a list of rows"))
            continue
        table: list[RawRow] = []
        header: set[str] = set()
        for number, row in enumerate(cast(list[Any], rows), start=1):
            if not isinstance(row, dict):
                message = "a row must be an object of column: value"
                bundle.problems.append(Problem(file, number, "-", message))
                continue
            cells = {str(k): v for k, v in cast(dict[Any, Any], row).items()}
            header.update(cells)
            table.append(RawRow(file, number, cells))
        # JSON rows omit blank fields, so a required one is checked per row instead.
        _check_header(bundle, file, name, sorted(header), whole_file=False)
        bundle.columns[name] = header
        bundle.tables[name] = table
    return bundle
