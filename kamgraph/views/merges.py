"""Duplicates and merges (leads and admins): the likely pairs, and the merge page that puts
two records side by side and makes them one."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from kamgraph.errors import Conflict, FieldInvalid, Invalid
from kamgraph.i18n import N_
from kamgraph.services import duplicates, merges
from kamgraph.views import access
from kamgraph.web_i18n import gettext as _
from kamgraph.web_i18n import said

bp = Blueprint("merges", __name__, url_prefix="/people")


@bp.get("/duplicates")
def index() -> ResponseReturnValue:
    """People who may be one person, the likeliest first (a window of people in family-name
    order at a time; "More" reads the next)."""
    page = access.load_for(
        access.LEADS,
        "duplicates",
        duplicates.duplicates_page,
        access.scope(),
        after=request.args.get("after", ""),
    )
    return render_template("duplicates.html", page=page)


def _version(name: str) -> int:
    try:
        return int(request.form.get(name, ""))
    except ValueError:
        raise FieldInvalid(name, N_("the version the page was read at is missing")) from None


@bp.route("/merge", methods=["GET", "POST"])
def merge() -> ResponseReturnValue:
    """Two records side by side, a choice per differing field; POST merges them."""
    me = access.viewer(access.LEADS)
    given = request.form if request.method == "POST" else request.args
    a_id, b_id = given.get("a", ""), given.get("b", "")
    if not a_id or not b_id:
        raise Invalid(N_("Open two people to compare, from the list of possible duplicates."))
    access.require("person", a_id)
    access.require("person", b_id)
    problem: str | None = None
    status = 200
    if request.method == "POST":
        choices = {
            key.removeprefix("field:"): value
            for key, value in request.form.items()
            if key.startswith("field:")
        }
        try:
            done = access.change_as(
                access.LEADS,
                "merge",
                a_id if given.get("keep") == "a" else b_id,
                merges.merge,
                a_id,
                b_id,
                keep=given.get("keep", ""),
                choices=choices,
                versions=(_version("version_a"), _version("version_b")),
                by=me.id,
            )
        except Conflict:
            status = 409
            problem = _(
                "One of the two records was changed while you compared them: look again and merge."
            )
        except FieldInvalid as error:
            status, problem = 400, said(error)
        else:
            flash(_("Merged into %(name)s.", name=done.kept.name), "info")
            return redirect(url_for("people.dossier", person_id=done.kept.id))
    page = access.load_for(access.LEADS, a_id, merges.merge_page, access.scope(), a_id, b_id)
    return render_template("merge.html", page=page, problem=problem), status
