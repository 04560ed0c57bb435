"""The organization page."""

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from kamgraph import web_analysis
from kamgraph.services import orgs
from kamgraph.views import access

bp = Blueprint("orgs", __name__, url_prefix="/orgs")


@bp.get("/<org_id>")
def show(org_id: str) -> ResponseReturnValue:
    """Hierarchy, people by department, tenders issued, coverage, key-account figures."""
    view = access.load_for(
        access.EVERYONE, org_id, orgs.org_page, access.scope(), org_id, near=web_analysis.near
    )
    return render_template(
        "org.html",
        page=view.page,
        account=view.account,
        coverage=view.coverage,
        concentration=view.concentration,
        proposals=view.proposals,
        events=view.events,
    )
