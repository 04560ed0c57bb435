"""Meeting briefs: a printable page for one person, or for everyone at a meeting."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from kamgraph import clock
from kamgraph.errors import Invalid
from kamgraph.i18n import N_
from kamgraph.repository import interactions as interactions_repo
from kamgraph.services import briefs as briefs_service
from kamgraph.views import access
from kamgraph.web_i18n import gettext as _

bp = Blueprint("briefs", __name__)


@bp.get("/people/<person_id>/brief")
def person(person_id: str) -> ResponseReturnValue:
    """The one-page brief for meeting one person."""
    found = access.load_for(
        access.EVERYONE,
        person_id,
        briefs_service.briefs,
        access.scope(),
        [person_id],
        clock.today(),
    )
    return _render(found)


@bp.get("/brief")
def meeting() -> ResponseReturnValue:
    """Briefs for a meeting with several people: /brief?people=ID;ID."""
    ids = [p.strip() for p in request.args.get("people", "").split(";") if p.strip()]
    if not ids:
        raise Invalid(N_("Say who you are meeting: type their names on the brief's form."))
    found = access.load_for(
        access.EVERYONE, ";".join(ids), briefs_service.briefs, access.scope(), ids, clock.today()
    )
    return _render(found)


@bp.get("/interactions/<interaction_id>/brief")
def planned(interaction_id: str) -> ResponseReturnValue:
    """The brief for everyone in a planned meeting, with its objective and agenda."""
    found = access.load_for(
        access.EVERYONE,
        interaction_id,
        briefs_service.meeting_briefs,
        access.scope(),
        interaction_id,
        clock.today(),
    )
    return _render(found.briefs, found.meeting)


@bp.post("/interactions/<interaction_id>/plan")
def plan(interaction_id: str) -> ResponseReturnValue:
    """Save a planned meeting's objective and agenda (its author, a lead or an admin)."""
    me = access.viewer()
    access.require("interaction", interaction_id)
    objective = request.form.get("objective", "").strip()[:2000] or None
    agenda = request.form.get("agenda", "").strip()[:5000] or None
    access.change(
        "plan meeting",
        interaction_id,
        interactions_repo.set_plan,
        interaction_id,
        objective=objective,
        agenda=agenda,
        user_id=me.id,
        anyone=me.role in access.LEADS,
    )
    flash(_("Objective and agenda saved."), "info")
    return redirect(url_for("briefs.planned", interaction_id=interaction_id))


def _render(
    found: list[briefs_service.Brief], meeting: interactions_repo.Meeting | None = None
) -> ResponseReturnValue:
    me = access.viewer()
    may_plan = meeting is not None and (meeting.user_id == me.id or me.role in access.LEADS)
    return render_template(
        "brief.html",
        briefs=found,
        mistakes=briefs_service.SEVEN_MISTAKES,
        today=clock.today(),
        meeting=meeting,
        may_plan=may_plan,
    )
