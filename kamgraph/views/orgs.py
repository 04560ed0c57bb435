"""The organization page."""

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from kamgraph.errors import Invalid
from kamgraph.repository import orgs as orgs_repo
from kamgraph.services import analysis
from kamgraph.views import access

bp = Blueprint("orgs", __name__, url_prefix="/orgs")


@bp.get("/<org_id>")
def show(org_id: str) -> ResponseReturnValue:
    """Hierarchy, people by department, tenders issued, coverage, key-account figures."""
    access.require("organization", org_id)
    page = access.load_for(access.EVERYONE, org_id, orgs_repo.page, org_id)
    concentration = access.load(analysis.concentration_report)
    account = next((r for r in concentration["rows"] if r["id"] == org_id), None)
    try:
        coverage = access.load(analysis.coverage_report, account_id=org_id, near=access.near)
    except Invalid:
        coverage = None
    return render_template(
        "org.html", page=page, account=account, coverage=coverage, concentration=concentration
    )
