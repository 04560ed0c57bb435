"""The personal calendar feed: its settings page, and the .ics URL calendar apps poll."""

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue

from kamgraph import web_db
from kamgraph.services import feeds
from kamgraph.views import access
from kamgraph.web_i18n import gettext as _

bp = Blueprint("calendar", __name__, url_prefix="/calendar")


@bp.get("/")
def settings() -> ResponseReturnValue:
    """Whether my feed is on; a new URL or a revocation is a POST."""
    me = access.viewer()
    return render_template(
        "calendar.html", has_feed=access.load(feeds.has_feed, me.id), feed_url=None
    )


@bp.post("/new")
def new() -> ResponseReturnValue:
    """Make a new feed URL; the previous one stops working. It is shown once."""
    me = access.viewer()
    token = access.change("calendar-token", me.id, feeds.new_token, me.id)
    return render_template("calendar.html", has_feed=True, feed_url=feed_url(token))


def feed_url(token: str) -> str:
    """The feed's full URL, from KAMGRAPH_BASE_URL, never from the request's Host header.

    A Host header is the client's to choose, and a proxy may pass it through: a URL built
    from it could send the secret token elsewhere. Without a base URL, only a loopback
    address (a local `kamgraph serve`) is trusted; otherwise the path alone is shown.
    """
    path = url_for("calendar.feed", token=token)
    base = str(current_app.config.get("BASE_URL") or "").rstrip("/")  # pyright: ignore[reportUnknownArgumentType]
    if base:
        return base + path
    if urlsplit(f"//{request.host}").hostname in _LOOPBACK:
        return request.host_url.rstrip("/") + path
    return path


_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


@bp.post("/revoke")
def revoke() -> ResponseReturnValue:
    """Stop my feed."""
    me = access.viewer()
    access.change("calendar-revoke", me.id, feeds.revoke, me.id)
    flash(_("Your calendar feed is off; its URL no longer works."), "info")
    return redirect(url_for("calendar.settings"))


@bp.get("/<token>.ics")
def feed(token: str) -> ResponseReturnValue:
    """The feed itself: public, because the secret token in the URL is the credential."""
    body = feeds.feed(web_db.get_session(), token)
    if body is None:
        abort(404)
    return Response(
        body, mimetype="text/calendar", headers={"Cache-Control": "private, max-age=900"}
    )
