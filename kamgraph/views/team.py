"""Team coverage, for team leads and admins: where is the team blind?"""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, render_template, request
from flask.typing import ResponseReturnValue

from kamgraph.bundle.fields import neutralised
from kamgraph.services import team as team_service
from kamgraph.views import access

bp = Blueprint("team", __name__, url_prefix="/team")

CSV_COLUMNS = (
    "id", "name", "rank", "influence", "tenders", "covered_by", "last_contact",
    "days_since_contact", "flags",
)  # fmt: skip


def _cell(value: object) -> object:
    return "" if value is None else value


# Key people the page lists before "Show all": a national map has thousands, and a table
# of thousands of rows takes longer to render than everything else on the page.
SHOWN = 200


@bp.get("/coverage")
def coverage() -> ResponseReturnValue:
    """Key people against who covers them and how recently; per-KAM load; flags.

    The counts and the load cover every key person; the table lists the SHOWN most
    influential unless ?all=1 (the CSV always has them all).
    """
    report = access.load_for(access.LEADS, "team-coverage", team_service.team_coverage_report)
    everyone = request.args.get("all") == "1"
    shown = report["rows"] if everyone else report["rows"][:SHOWN]
    return render_template("team_coverage.html", report=report, shown=shown)


@bp.get("/coverage.csv")
def coverage_csv() -> ResponseReturnValue:
    """The same report as CSV (UTF-8 with BOM, so spreadsheet apps read the names right)."""
    report = access.load_for(access.LEADS, "team-coverage", team_service.team_coverage_report)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in report["rows"]:
        writer.writerow(neutralised(str(value)) for value in [
            row["id"], row["name"], _cell(row["rank"]), row["influence"],
            "; ".join(f"{t['title']} ({t['role']}, {t['stance']})" for t in row["tenders"]),
            "; ".join(f"{c['name']} ({c['stage']})" for c in row["covered_by"]),
            _cell(row["last_contact"]), _cell(row["days_since_contact"]), "; ".join(row["flags"]),
        ])  # fmt: skip
    return Response(
        out.getvalue(), mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=team-coverage.csv"},
    )  # fmt: skip
