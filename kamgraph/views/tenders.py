"""The tender page: timeline and preparation plan, lots, DMU map, coverage, forecast."""

from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from kamgraph import clock, web_analysis
from kamgraph.models import STANCES
from kamgraph.repository import tenders as tenders_repo
from kamgraph.services import tenders
from kamgraph.views import access
from kamgraph.web_i18n import gettext as _

bp = Blueprint("tenders", __name__, url_prefix="/tenders")


@bp.get("/<tender_id>")
def show(tender_id: str) -> ResponseReturnValue:
    """Everything for lobbying one tender; ?person=ID&stance=supporter asks a what-if."""
    person, stance = request.args.get("person"), request.args.get("stance")
    what_if = (person, stance) if person and stance in STANCES else None
    view = access.load_for(
        access.EVERYONE,
        tender_id,
        tenders.tender_page,
        access.scope(),
        tender_id,
        what_if=what_if,
        near=web_analysis.near,
    )
    return render_template(
        "tender.html",
        page=view.page,
        coverage=view.coverage,
        power=view.power,
        stances=STANCES,
        today=clock.today(),
        asked=view.asked,
        team=view.team,
        proposals=view.proposals,
        watching=view.watching,
    )


@bp.post("/<tender_id>/plan/<key>")
def plan_step(tender_id: str, key: str) -> ResponseReturnValue:
    """Mark a preparation-plan step done (or open again), or give it an owner."""
    me = access.viewer()
    access.require("tender", tender_id)
    done = {"done": True, "open": False}.get(request.form.get("done", ""))
    owner = request.form.get("owner")  # '' for nobody
    changed = access.change(
        "plan step",
        f"{tender_id}/{key}",
        tenders_repo.set_plan_step,
        tender_id,
        key,
        done=done,
        owner_id=owner,
        by=me.id,
    )
    if changed is None:
        abort(404)
    flash(_("Plan updated."), "info")
    if request.form.get("back") == "week":
        return redirect(url_for("home.index"))
    return redirect(url_for("tenders.show", tender_id=tender_id) + "#timeline")


@bp.get("/<tender_id>/dmu.json")
def dmu(tender_id: str) -> ResponseReturnValue:
    """The DMU map for the graph view, with the influencers outside the DMU the analysis
    finds (none while it is not ready)."""
    return jsonify(
        access.load_for(
            access.EVERYONE,
            tender_id,
            tenders.dmu_graph,
            access.scope(),
            tender_id,
            near=web_analysis.near,
        )
    )
