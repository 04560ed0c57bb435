"""The handover, for team leads and admins: a leaving KAM's work to a colleague in one step."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from kamgraph import clock
from kamgraph.errors import Conflict
from kamgraph.services import handover
from kamgraph.views import access
from kamgraph.web_i18n import ngettext

bp = Blueprint("handover", __name__, url_prefix="/team")


def _page(from_typed: str, to_typed: str) -> handover.HandoverPage:
    return access.load_for(
        access.LEADS,
        None,
        handover.handover_page,
        access.scope(),
        from_typed,
        to_typed,
        clock.today(),
    )


@bp.get("/handover")
def preview() -> ResponseReturnValue:
    """Choose the leaving KAM (?from=) and the colleague who takes over (?to=), see what
    moves."""
    page = _page(request.args.get("from", ""), request.args.get("to", ""))
    return render_template("handover.html", page=page, kinds=handover.KINDS), (
        400 if page.problems else 200
    )


@bp.post("/handover")
def confirm() -> ResponseReturnValue:
    """Move what the preview showed, in one transaction and one audit entry; if it changed
    since, show the new preview to confirm again."""
    me = access.viewer(access.LEADS)
    page = _page(request.form.get("from", ""), request.form.get("to", ""))
    if page.problems or not (page.leaver and page.receiver and page.moves):
        return render_template("handover.html", page=page, kinds=handover.KINDS), 400
    try:
        moved = access.change_as(
            access.LEADS,
            "handover",
            page.leaver.id,
            handover.hand_over,
            page.leaver.id,
            page.receiver.id,
            token=request.form.get("token", ""),
            by=me.id,
        )
    except Conflict:
        return render_template("handover.html", page=page, kinds=handover.KINDS, stale=True), 409
    count = sum(moved.counts().values())
    flash(
        ngettext(
            "%(num)d record moved from %(leaver)s to %(receiver)s.",
            "%(num)d records moved from %(leaver)s to %(receiver)s.",
            count,
            leaver=page.leaver.name,
            receiver=page.receiver.name,
        ),
        "ok",
    )
    back: dict[str, str] = {"from": page.leaver.id, "to": page.receiver.id}
    return redirect(url_for("handover.preview", **back))  # pyright: ignore[reportArgumentType]
