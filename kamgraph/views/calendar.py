"""The personal calendar feed: its settings page, and the .ics URL calendar apps poll."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from kamgraph import web_db
from kamgraph.repository import feeds as feeds_repo
from kamgraph.services import feeds
from kamgraph.views import access

bp = Blueprint("calendar", __name__, url_prefix="/calendar")


@bp.get("/")
def settings() -> ResponseReturnValue:
    """Whether my feed is on; a new URL or a revocation is a POST."""
    me = access.viewer()
    return render_template("calendar.html", has_feed=access.load(feeds_repo.has_token, me.id),
                           feed_url=None)  # fmt: skip


@bp.post("/new")
def new() -> ResponseReturnValue:
    """Make a new feed URL; the previous one stops working. It is shown once."""
    me = access.viewer()
    token = access.change("calendar-token", me.id, feeds.new_token, me.id)
    url = url_for("calendar.feed", token=token, _external=True)
    return render_template("calendar.html", has_feed=True, feed_url=url)


@bp.post("/revoke")
def revoke() -> ResponseReturnValue:
    """Stop my feed."""
    me = access.viewer()
    access.change("calendar-revoke", me.id, feeds.revoke, me.id)
    flash("Your calendar feed is off; its URL no longer works.", "info")
    return redirect(url_for("calendar.settings"))


@bp.get("/<token>.ics")
def feed(token: str) -> ResponseReturnValue:
    """The feed itself: public, because the secret token in the URL is the credential."""
    body = feeds.feed(web_db.get_session(), token)
    if body is None:
        abort(404)
    return Response(body, mimetype="text/calendar",
                    headers={"Cache-Control": "private, max-age=900"})  # fmt: skip
