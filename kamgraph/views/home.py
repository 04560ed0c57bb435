"""My week: the home page of a signed-in KAM."""

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue

from kamgraph import clock
from kamgraph.repository import week
from kamgraph.views import access

bp = Blueprint("home", __name__)


@bp.get("/")
def index() -> ResponseReturnValue:
    """Follow-ups due, birthdays of people I cover, tender milestones, proposals to chase."""
    me = access.viewer()
    my_week = access.load(week.my_week, me.id, clock.today())
    return render_template("home.html", week=my_week, me=me, undo=request.args.get("undo"))
