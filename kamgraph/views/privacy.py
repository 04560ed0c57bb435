"""The compliance officer's privacy page: who must still be told that we hold their data
(GDPR Art. 14), the notice letter to send, and marking them informed."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from kamgraph import clock
from kamgraph.models import COMPLIANCE_ROLES
from kamgraph.repository import privacy as privacy_repo
from kamgraph.services import privacy
from kamgraph.views import access
from kamgraph.web_i18n import gettext as _

bp = Blueprint("privacy", __name__, url_prefix="/privacy")


@bp.get("/")
def page() -> ResponseReturnValue:
    """People not informed yet: overdue first, then those still within the month."""
    found = access.load_for(COMPLIANCE_ROLES, "privacy", privacy.report, clock.today())
    return render_template("privacy.html", report=found)


@bp.get("/notice/<person_id>")
def notice(person_id: str) -> ResponseReturnValue:
    """The printable notice letter for one person (Art. 14: who we are, what we hold, why,
    for how long, and their rights)."""
    found = access.load_for(
        COMPLIANCE_ROLES, person_id, privacy.notice_page, access.scope(), person_id
    )
    return render_template(
        "notice.html", d=found.dossier, today=clock.today(), controller=found.controller
    )


@bp.post("/informed/<person_id>")
def informed(person_id: str) -> ResponseReturnValue:
    """Record that the person was informed today."""
    access.change_as(
        COMPLIANCE_ROLES,
        "informed",
        person_id,
        privacy_repo.mark_informed,
        person_id,
        clock.today(),
    )
    flash(_("Recorded as informed today."), "info")
    return redirect(request.referrer or url_for("privacy.page"))
