"""My week: the home page of a signed-in KAM."""

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue

from kamgraph import clock
from kamgraph.services import week
from kamgraph.views import access

bp = Blueprint("home", __name__)


@bp.get("/")
def index() -> ResponseReturnValue:
    """Follow-ups due, birthdays of people I cover, tender milestones, proposals to chase."""
    me = access.viewer()
    page = access.load(week.week_page, me.id, clock.today(), access.scope())
    return render_template("home.html", week=page, me=me, undo=request.args.get("undo"))
