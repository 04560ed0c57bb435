"""The tender page: timeline and preparation plan, lots, DMU map, coverage, forecast."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from kamgraph import clock
from kamgraph.errors import Invalid
from kamgraph.models import STANCES
from kamgraph.repository import graph as graph_repo
from kamgraph.repository import tenders as tenders_repo
from kamgraph.services import analysis
from kamgraph.services import scope as scopes
from kamgraph.views import access

bp = Blueprint("tenders", __name__, url_prefix="/tenders")


@bp.get("/<tender_id>")
def show(tender_id: str) -> ResponseReturnValue:
    """Everything for lobbying one tender; ?person=ID&stance=supporter asks a what-if."""
    access.require("tender", tender_id)
    page = access.load_for(access.EVERYONE, tender_id, tenders_repo.page, tender_id)
    coverage = access.load(analysis.coverage_report, tender_id=tender_id, near=access.near)
    what_if = None
    person, stance = request.args.get("person"), request.args.get("stance")
    if person and stance in STANCES:
        what_if = (person, stance)
    try:
        power = access.load(analysis.power_report, tender_id, what_if=what_if, near=access.near)
    except Invalid as error:  # no DMU recorded yet, or an unknown what-if person
        power = {"error": str(error)}
    team = sorted(access.load(graph_repo.team), key=lambda u: str(u["name"]))  # plan owners
    return render_template(
        "tender.html", page=page, coverage=coverage, power=power, stances=STANCES,
        today=clock.today(), asked=what_if, team=team,
    )  # fmt: skip


@bp.post("/<tender_id>/plan/<key>")
def plan_step(tender_id: str, key: str) -> ResponseReturnValue:
    """Mark a preparation-plan step done (or open again), or give it an owner."""
    me = access.viewer()
    access.require("tender", tender_id)
    done = {"done": True, "open": False}.get(request.form.get("done", ""))
    owner = request.form.get("owner")  # '' for nobody
    changed = access.change("plan step", f"{tender_id}/{key}", tenders_repo.set_plan_step,
                            tender_id, key, done=done, owner_id=owner, by=me.id)  # fmt: skip
    if changed is None:
        abort(404)
    flash("Plan updated.", "info")
    if request.form.get("back") == "week":
        return redirect(url_for("home.index"))
    return redirect(url_for("tenders.show", tender_id=tender_id) + "#timeline")


@bp.get("/<tender_id>/dmu.json")
def dmu(tender_id: str) -> ResponseReturnValue:
    """The DMU map for the graph view, with the influencers outside the DMU the analysis
    finds (none while it is not ready)."""
    access.require("tender", tender_id)
    members = access.load_for(access.EVERYONE, tender_id, tenders_repo.dmu_map, tender_id)
    ids = [n["id"] for n in members["nodes"]]
    found: list[dict[str, Any]] = access.near(ids).get("outside") or [] if ids else []
    outside = [str(o["id"]) for o in found]
    graph = access.load(tenders_repo.dmu_map, tender_id, outside) if outside else members
    return jsonify(access.load(scopes.network, access.scope(), graph))
