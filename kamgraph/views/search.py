"""Search: one box over people, organizations and tenders."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from kamgraph.models import SEGMENTS
from kamgraph.repository import search as search_repo
from kamgraph.services import scope as scopes
from kamgraph.views import access

bp = Blueprint("search", __name__)


def record_url(kind: str, record_id: str) -> str:
    """The page of a person, organization, tender or event."""
    if kind == "person":
        return url_for("people.dossier", person_id=record_id)
    if kind == "organization":
        return url_for("orgs.show", org_id=record_id)
    if kind == "event":
        return url_for("events.show", event_id=record_id)
    return url_for("tenders.show", tender_id=record_id)


def hit_url(hit: search_repo.Hit) -> str:
    """The page of a search hit."""
    return record_url(hit.kind, hit.id)


@bp.get("/search")
def results() -> ResponseReturnValue:
    """Grouped results; a single hit opens directly."""
    text = request.args.get("q", "").strip()
    asked = request.args.get("segment") or None
    segment = asked if asked in SEGMENTS else None
    grouped = access.load(scopes.search, access.scope(), text, segment=segment) if text else {}
    if text:  # audited with its words, so "who looked for Dr X?" has an answer
        access.record("search", text[:200])
    hits = [hit for group in grouped.values() for hit in group]
    if len(hits) == 1 and request.args.get("exact") != "0":
        return redirect(hit_url(hits[0]))
    return render_template(
        "search.html",
        text=text,
        grouped=grouped,
        hit_url=hit_url,
        segment=segment,
        segments=SEGMENTS,
    )
