"""Person pages: the dossier, its ego network, the meeting brief, and the edit form."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, render_template
from flask.typing import ResponseReturnValue

from kamgraph import clock, web_analysis
from kamgraph.errors import NotFound
from kamgraph.models import COVERAGE_STAGES
from kamgraph.repository import dossier as dossier_repo
from kamgraph.repository import transfers as transfers_repo
from kamgraph.repository import week
from kamgraph.services import scope as scopes
from kamgraph.views import access
from kamgraph.worker import Unanswered

bp = Blueprint("people", __name__, url_prefix="/people")


def _warm_paths(target: str, user_id: str) -> tuple[list[dict[str, Any]] | str, str | None]:
    """My k best warm paths to the person (or why there are none), and as of when; a path
    through someone outside my territories is left out, and said so."""
    try:
        found = web_analysis.path_report(target, from_user=user_id, k=3)
    except NotFound as error:  # no path, or I am not on the team's graph yet
        return str(error), None
    except Unanswered as error:
        return web_analysis.why(error), None
    kept, hidden = access.load(scopes.paths, access.scope(), found["paths"])
    if hidden and not kept:
        return (
            "The only warm paths run through people outside your territories: ask your lead.",
            None,
        )
    return kept, found["as_of"]


@bp.get("/<person_id>")
def dossier(person_id: str) -> ResponseReturnValue:
    """Everything a KAM should know before meeting this person."""
    me = access.viewer()
    access.require("person", person_id)
    stored = access.load_for(access.EVERYONE, person_id, dossier_repo.get, person_id)
    found = access.load(scopes.dossier, access.scope(), stored)
    today = clock.today()
    paths, paths_as_of = _warm_paths(person_id, me.id)
    return render_template(
        "person.html",
        d=found,
        me=me,
        birthday=week.next_birthday(found.person, today),
        sensitive=access.may_see_sensitive(found.covered_by),
        paths=paths,
        paths_as_of=paths_as_of,
        today=today,
        stages=COVERAGE_STAGES,
        transfers=access.load(transfers_repo.ledger, person_id=person_id),
    )


@bp.get("/<person_id>/ego.json")
def ego(person_id: str) -> ResponseReturnValue:
    """The ego network for the graph view (Cytoscape.js elements)."""
    access.require("person", person_id)
    network = access.load_for(access.EVERYONE, person_id, dossier_repo.ego_network, person_id)
    return jsonify(access.load(scopes.network, access.scope(), network))
