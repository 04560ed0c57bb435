"""The compliance officer's privacy page: who must still be told that we hold their data
(GDPR Art. 14), the notice letter to send, and marking them informed."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from markupsafe import Markup

from kamgraph import clock, web_i18n
from kamgraph.models import COMPLIANCE_ROLES, LOCALES
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
    for how long, and their rights), in the person's language: ?lang=, else the language
    of the country they work in, else the reader's."""
    found = access.load_for(
        COMPLIANCE_ROLES, person_id, privacy.notice_page, access.scope(), person_id
    )
    countries = [job.country for job in found.dossier.jobs if job.current and job.country]
    asked = request.args.get("lang", "")
    lang = asked if asked in LOCALES else web_i18n.language_of(countries) or web_i18n.language()
    with web_i18n.speaking(lang):
        letter = render_template(
            "notice_letter.html", d=found.dossier, today=clock.today(), controller=found.controller
        )
    # our own template's output, escaped as it was rendered
    shown = Markup(letter)  # noqa: S704
    return render_template("notice.html", d=found.dossier, letter=shown, letter_lang=lang)


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
