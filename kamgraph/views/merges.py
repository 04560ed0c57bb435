"""Duplicates and merges (leads and admins): the likely pairs, the merge page that puts
two records side by side and makes them one, and pairs dismissed as two people."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from kamgraph.errors import Conflict, FieldInvalid, Invalid, NotFound
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


@bp.get("/duplicates/dismissed")
def dismissed() -> ResponseReturnValue:
    """Pairs a reader found to be two people, newest first, each with a way back."""
    page = access.load_for(
        access.LEADS, "duplicates dismissed", duplicates.dismissed_page, access.scope()
    )
    return render_template("duplicates_dismissed.html", page=page)


def _pair_posted() -> tuple[str, str]:
    """The two people a dismiss or restore form names, each readable by the reader (one
    missing is the service's clear error)."""
    a_id, b_id = request.form.get("a", "").strip(), request.form.get("b", "").strip()
    for given in (a_id, b_id):
        if given:
            access.require("person", given)
    return a_id, b_id


@bp.post("/duplicates/dismiss")
def dismiss() -> ResponseReturnValue:
    """ "Not the same person": the pair is listed no more (who may merge may dismiss)."""
    me = access.viewer(access.LEADS)
    a_id, b_id = _pair_posted()
    done = access.change_as(
        access.LEADS,
        "duplicate dismiss",
        min(a_id, b_id),
        duplicates.dismiss,
        a_id,
        b_id,
        by=me.id,
    )
    flash(
        _(
            "%(a)s and %(b)s are marked as two people and are listed no more.",
            a=done.a_name,
            b=done.b_name,
        ),
        "info",
    )
    return redirect(url_for("merges.index", after=request.form.get("after") or None))


@bp.post("/duplicates/restore")
def restore() -> ResponseReturnValue:
    """Take a dismissal back: the pair may be listed as possible duplicates again."""
    access.viewer(access.LEADS)
    a_id, b_id = _pair_posted()
    try:
        access.change_as(
            access.LEADS, "duplicate restore", min(a_id, b_id), duplicates.restore, a_id, b_id
        )
    except NotFound:
        flash(_("That pair was not dismissed, or has been restored already."), "info")
    else:
        flash(_("The pair may be listed as possible duplicates again."), "info")
    return redirect(url_for("merges.dismissed"))


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
