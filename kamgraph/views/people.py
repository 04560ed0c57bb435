"""Person pages: the dossier, its ego network, the meeting brief, and the edit form."""

from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from kamgraph import clock, web_analysis
from kamgraph.errors import NotFound
from kamgraph.i18n import N_, Message
from kamgraph.models import COVERAGE_STAGES
from kamgraph.services import merges, people
from kamgraph.services.warm_paths import NoPath, WarmPath
from kamgraph.views import access
from kamgraph.web_i18n import gettext as _
from kamgraph.worker import Unanswered

bp = Blueprint("people", __name__, url_prefix="/people")


# Said when no chain of known ties reaches the person (the worker's own words are English).
NO_PATH = Message(
    N_("No warm path: nobody on our team reaches this person through the ties we know.")
)


def _warm_paths(target: str, user_id: str) -> tuple[list[WarmPath] | str, str | None]:
    """My k best warm paths to the person from the analysis worker (or why there are
    none), and as of when."""
    try:
        found = web_analysis.path_report(target, from_user=user_id, k=3)
    except NoPath:
        return NO_PATH, None
    except NotFound as error:  # I am not on the team's graph yet
        return error.said, None
    except Unanswered as error:
        return web_analysis.why(error), None
    return found.paths, found.as_of


@bp.get("/<person_id>")
def dossier(person_id: str) -> ResponseReturnValue:
    """Everything a KAM should know before meeting this person."""
    today = clock.today()
    try:
        page = access.load_for(
            access.EVERYONE,
            person_id,
            people.dossier_page,
            access.scope(),
            person_id,
            today,
            _warm_paths,
        )
    except NotFound:
        # A merged-away id leads to the person it was merged into (if the reader reads them).
        survivor = access.load(merges.survivor_of, access.scope(), person_id)
        flash(_("That record was merged into this one."), "info")
        return redirect(url_for("people.dossier", person_id=survivor))
    return render_template(
        "person.html",
        page=page,
        d=page.dossier,
        me=access.viewer(),
        today=today,
        stages=COVERAGE_STAGES,
    )


@bp.get("/<person_id>/ego.json")
def ego(person_id: str) -> ResponseReturnValue:
    """The ego network for the graph view (Cytoscape.js elements)."""
    return jsonify(
        access.load_for(access.EVERYONE, person_id, people.ego_network, access.scope(), person_id)
    )
