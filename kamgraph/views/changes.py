"""What changed in my network (/changes), and watching a person or a tender."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from kamgraph import clock
from kamgraph.errors import FieldInvalid
from kamgraph.i18n import N_
from kamgraph.repository import history
from kamgraph.services import changes
from kamgraph.views import access
from kamgraph.web_i18n import gettext as _

bp = Blueprint("changes", __name__)


def _since(today: date) -> date:
    """The day asked for (?since=YYYY-MM-DD), a week ago by default."""
    raw = request.args.get("since", "").strip()
    if not raw:
        return changes.default_since(today)
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise FieldInvalid(
            "since", N_("“Since” takes a day written as YYYY-MM-DD, not %(value)s"), value=raw
        ) from None
    if day > today:
        raise FieldInvalid("since", N_("“Since” is after today: %(value)s"), value=raw)
    return day


@bp.get("/changes")
def index() -> ResponseReturnValue:
    """Lost champions, rotation, new DMU members, stale ties and rank moves since a day."""
    today = clock.today()
    since = _since(today)
    page = access.load(changes.changes_page, access.scope(), since, today)
    return render_template("changes.html", page=page)


@bp.post("/people/<person_id>/watch")
def watch_person(person_id: str) -> ResponseReturnValue:
    """Watch a person (or stop): their changes come to My week."""
    return _watch("person", person_id, url_for("people.dossier", person_id=person_id))


@bp.post("/tenders/<tender_id>/watch")
def watch_tender(tender_id: str) -> ResponseReturnValue:
    """Watch a tender (or stop): its DMU's changes come to My week."""
    return _watch("tender", tender_id, url_for("tenders.show", tender_id=tender_id))


def _watch(kind: str, record_id: str, back: str) -> ResponseReturnValue:
    me = access.viewer(access.WRITERS)  # the team's; compliance officers work no network
    access.require(kind, record_id)
    on = request.form.get("watch") != "off"
    found = access.change(
        "preferences",
        f"{'watch' if on else 'unwatch'} {record_id}",
        history.set_watch,
        me.id,
        kind,
        record_id,
        watch=on,
    )
    if not found:
        abort(404)
    flash(_("Its changes will show on My week.") if on else _("You no longer watch it."), "info")
    return redirect(back)
