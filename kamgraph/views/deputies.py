"""Deputies during an absence: a KAM names hers (on her settings page), a lead a team
member's; ending one takes effect at once."""

from __future__ import annotations

import uuid

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from kamgraph import clock
from kamgraph.errors import FieldInvalid
from kamgraph.services import deputies
from kamgraph.views import access
from kamgraph.web_i18n import gettext as _
from kamgraph.web_i18n import said

bp = Blueprint("deputies", __name__, url_prefix="/account/deputies")


def new_id() -> str:
    """A new deputyship's id, given when its form is shown (a double submit saves once)."""
    return f"dep-{uuid.uuid4().hex[:12]}"


def _back(page: deputies.DeputiesPage) -> str:
    if page.own and request.form.get("back") == "account":
        return url_for("account.settings")
    return url_for("deputies.page", user=page.kam.id)


@bp.get("")
def page() -> ResponseReturnValue:
    """A user's deputies (?user=ID, a lead's team member; one's own without it)."""
    found = access.load(
        deputies.deputies_page, access.scope(), request.args.get("user", ""), clock.today()
    )
    return render_template("deputies.html", page=found, form={"id": new_id()}, problems={})


@bp.post("")
def name() -> ResponseReturnValue:
    """Name a deputy for a period: the colleague by name, the first and last day away."""
    me = access.viewer(access.WRITERS)
    form = request.form
    user_id = form.get("user_id", "")
    page = access.load(deputies.deputies_page, access.scope(), user_id, clock.today())
    problems: dict[str, str] = {}
    try:
        naming = access.load(
            deputies.checked,
            access.scope(),
            user_id,
            deputyship_id=form.get("id", "") or new_id(),
            deputy=form.get("deputy", ""),
            starts_on=form.get("starts_on", ""),
            ends_on=form.get("ends_on", ""),
            today=clock.today(),
        )
        access.change("deputy name", page.kam.id, deputies.name, naming, by=me.id)
    except FieldInvalid as error:
        problems[error.field] = said(error)
    if problems:
        return render_template("deputies.html", page=page, form=form, problems=problems), 400
    flash(_("The deputy is named."), "ok")
    return redirect(_back(page))


@bp.post("/<deputyship_id>/end")
def end(deputyship_id: str) -> ResponseReturnValue:
    """End a deputyship now: the deputy stops reading the absent KAM's records at once."""
    me = access.viewer(access.WRITERS)
    found = access.load(deputies.to_end, access.scope(), deputyship_id, clock.today())
    access.change("deputy end", found.user_id, deputies.end, found.id, by=me.id)
    flash(_("The deputyship is ended."), "ok")
    if request.form.get("back") == "account":
        return redirect(url_for("account.settings"))
    return redirect(url_for("deputies.page", user=found.user_id))
