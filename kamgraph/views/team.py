"""Team coverage, for team leads and admins: where is the team blind?"""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, render_template, request
from flask.typing import ResponseReturnValue
from openpyxl import Workbook

from kamgraph import web_i18n
from kamgraph.fields import neutralised
from kamgraph.models import COVERAGE_FLAGS, SEGMENTS
from kamgraph.services import team as team_service
from kamgraph.views import access

bp = Blueprint("team", __name__, url_prefix="/team")

# The table's columns in the downloads, in words.
COLUMNS = (
    "Person",
    "Organization",
    "Job title",
    "Influence rank",
    "Open tenders",
    "Covered by",
    "Last contact",
    "Days since contact",
    "Contact every (days)",
    "Flags",
    "Segments",
    "Dossier fields known",
    "Dossier fields missing",
)

# Key people the page lists before "Show all": a national map has thousands, and a table
# of thousands of rows takes longer to render than everything else on the page.
SHOWN = 200
STALE_RANGE = (7, 730)


def _words(value: str | None) -> str:
    return (value or "").replace("_", " ")


def _page() -> team_service.CoveragePage:
    """The page for the stale days, filters and order asked for (one audited call).

    ?stale=N overrides everyone's contact boundary with N days; without it (or blank, or
    not a number) each person's own boundary counts. ?segment= keeps one segment.
    """
    args = request.args
    try:
        stale = min(max(int(args.get("stale", "")), STALE_RANGE[0]), STALE_RANGE[1])
    except ValueError:
        stale = None
    segment = args.get("segment") or None
    sort = args.get("sort", "influence")
    asked = team_service.Filters(
        flag=args.get("flag") or None,
        kam=args.get("kam") or None,
        account=args.get("account") or None,
        tender=args.get("tender") or None,
        sort=sort if sort in team_service.SORTS else "influence",
        stale=stale,
        segment=segment if segment in SEGMENTS else None,
    )
    return access.load_for(
        access.LEADS, "team-coverage", team_service.coverage_page, access.scope(), asked
    )


@bp.get("/coverage")
def coverage() -> ResponseReturnValue:
    """Key people against who covers them and how recently; per-KAM load; flags; filters.

    The counts and the load cover every key person; the table lists the SHOWN first rows
    the filters keep unless ?all=1 (the downloads always have them all).
    """
    page = _page()
    everyone = request.args.get("all") == "1"
    shown = page.rows if everyone else page.rows[:SHOWN]
    return render_template(
        "team_coverage.html",
        report=page.report,
        rows=page.rows,
        shown=shown,
        asked=page.asked,
        choices=page.choices,
        flags=COVERAGE_FLAGS,
        sorts=team_service.SORTS,
        segments=SEGMENTS,
    )


def _table(rows: list[team_service.KeyPersonRow]) -> list[list[str]]:
    return [
        [
            row.name,
            (row.job.name if row.job else None) or "",
            (row.job.title if row.job else None) or "",
            str(row.rank or ""),
            "; ".join(f"{t.title} ({_words(t.role)}, {_words(t.stance)})" for t in row.tenders),
            "; ".join(f"{c.name} ({_words(c.stage)})" for c in row.covered_by),
            row.last_contact or "never",
            _cell(row.days_since_contact),
            str(row.every),
            ", ".join(row.flags),
            "; ".join(
                f"{_words(s)} ({row.kol_tier})" if s == "kol" and row.kol_tier else _words(s)
                for s in row.segments
            ),
            f"{row.completeness.known}/{row.completeness.total}",
            "; ".join(_words(m) for m in row.completeness.missing),
        ]
        for row in rows
    ]


def _cell(value: object) -> str:
    return "" if value is None else str(value)


@bp.get("/coverage.csv")
def coverage_csv() -> ResponseReturnValue:
    """The rows the filters keep, as CSV in the reader's convention: ';' where the decimal
    sign is a comma (Finnish, Italian, Russian, Albanian spreadsheets), ',' elsewhere;
    UTF-8 with a byte-order mark so spreadsheets read every script."""
    rows = _page().rows
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=web_i18n.csv_delimiter())
    writer.writerow(COLUMNS)
    for line in _table(rows):
        writer.writerow(neutralised(value) for value in line)
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=team-coverage.csv"},
    )


@bp.get("/coverage.xlsx")
def coverage_xlsx() -> ResponseReturnValue:
    """The rows the filters keep, as an Excel workbook (no delimiter to guess)."""
    rows = _page().rows
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Team coverage")
    sheet.append(list(COLUMNS))
    for line in _table(rows):
        sheet.append([neutralised(value) for value in line])
    out = io.BytesIO()
    book.save(out)
    return Response(
        out.getvalue(),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": "attachment; filename=team-coverage.xlsx"},
    )
