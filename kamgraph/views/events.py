"""Event pages: the list of upcoming and recent events, and one event with the people
there and our coverage of them."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue

from kamgraph import clock
from kamgraph.services import events
from kamgraph.views import access

bp = Blueprint("events", __name__, url_prefix="/events")


@bp.get("/")
def index() -> ResponseReturnValue:
    """Upcoming and recent events, of one kind (?kind=) or all, by name (?q=) or all."""
    page = access.load_for(
        access.EVERYONE,
        "events",
        events.events_page,
        access.scope(),
        request.args.get("kind") or None,
        request.args.get("q", "").strip()[:200],
        clock.today(),
    )
    return render_template("events.html", page=page)


@bp.get("/<event_id>")
def show(event_id: str) -> ResponseReturnValue:
    """Who attended and who spoke, our coverage of each, the organizations present."""
    page = access.load_for(
        access.EVERYONE, event_id, events.event_page, access.scope(), event_id, clock.today()
    )
    return render_template("event.html", page=page, e=page.event)
