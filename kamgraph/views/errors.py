"""App-wide page plumbing: error pages (HTML, or JSON under /api) and security headers."""

import logging
import time
from typing import Final

from flask import Flask, Response, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from kamgraph import web_db
from kamgraph.errors import Conflict, Forbidden, Invalid, KamgraphError, NotFound, Unavailable
from kamgraph.i18n import N_
from kamgraph.repository import count_from_here
from kamgraph.web_i18n import gettext as _
from kamgraph.web_i18n import translated

log = logging.getLogger(__name__)

# No inline script anywhere: scripts and styles come from /static only.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

# Domain errors that reach a view unhandled become these HTTP statuses.
_STATUS: dict[type[Exception], int] = {
    NotFound: 404,
    Forbidden: 403,
    Conflict: 409,
    Invalid: 400,
    Unavailable: 503,
}


def init_app(app: Flask) -> None:
    """Register the error handlers and the security headers once, for every blueprint."""
    app.register_error_handler(HTTPException, _http_error)
    for error_type in _STATUS:
        app.register_error_handler(error_type, _domain_error)
    app.register_error_handler(Exception, _unexpected_error)
    app.before_request(_start_timer)
    app.after_request(_response_headers)


# An error page's title, and what it says when the error brings no words of its own.
TITLES: Final = {
    400: N_("Bad request"),
    403: N_("Not allowed"),
    404: N_("Not found"),
    405: N_("Not allowed here"),
    409: N_("Conflict"),
    413: N_("Too large"),
    429: N_("Too many attempts"),
    500: N_("Something went wrong"),
    503: N_("Service unavailable"),
}
SAYS: Final = {
    404: N_(
        "There is nothing at this address: the link may be mistyped, or the record deleted "
        "or merged."
    ),
    429: N_("Too many attempts in a short time. Wait a minute, then try again."),
    500: N_(
        "Something went wrong on our side. It is logged; try again, or tell whoever runs kamgraph."
    ),
}


def json_error(
    status: int, title: str, message: str, field: str | None = None
) -> tuple[Response, int]:
    """The API's error body, the same for every error: {"error": {status, title, message,
    field}} (`field` names the request's field at fault, or is null)."""
    body = {"status": status, "title": title, "message": message, "field": field}
    return jsonify(error=body), status


def _render_error(
    status: int, title: str, message: str, field: str | None = None
) -> tuple[Response | str, int]:
    if request.path.startswith("/api/"):
        return json_error(status, title, message, field)
    page_title = _(TITLES[status]) if status in TITLES else title
    page = render_template("error.html", status=status, title=page_title, message=message)
    return page, status


def _http_error(error: HTTPException) -> tuple[Response | str, int]:
    status = error.code or 500
    default = type(error).description  # werkzeug's own words, unless the view gave some
    own = error.description if error.description != default else None
    says = own or (_(SAYS[status]) if status in SAYS else default or "")
    return _render_error(status, error.name, says)


# What a user reads when Neo4j is down; the operator finds the driver's reason in the log.
UNAVAILABLE = N_(
    "The database is not reachable at the moment, so this page cannot be shown. Nothing you "
    "saved is lost. Try again in a minute; if it lasts, tell whoever runs kamgraph."
)


def _domain_error(error: Exception) -> tuple[Response | str, int]:
    if isinstance(error, Unavailable):
        log.warning("Neo4j unavailable on %s %s: %s", request.method, request.path, error)
        web_db.mark_down(error)
        return _render_error(503, "Service Unavailable", _(UNAVAILABLE))
    status = next(code for kind, code in _STATUS.items() if isinstance(error, kind))
    name = {404: "Not Found", 403: "Forbidden", 409: "Conflict", 400: "Bad Request"}.get(
        status, "Service Unavailable"
    )
    says = translated(error) if isinstance(error, KamgraphError) else str(error)
    return _render_error(status, name, says, getattr(error, "field", None))


def _unexpected_error(error: Exception) -> tuple[Response | str, int]:
    # Logged with its traceback for the operator; the page shows none of it.
    log.exception("unhandled error on %s %s", request.method, request.path, exc_info=error)
    return _http_error(InternalServerError())


def _start_timer() -> None:
    g.request_started = time.perf_counter()
    g.records_read = count_from_here()


def _response_headers(response: Response) -> Response:
    started = g.get("request_started")
    if started is not None:  # server-side time, shown in the browser's network panel
        elapsed_ms = (time.perf_counter() - started) * 1000
        timing = f"app;dur={elapsed_ms:.1f}"
        counted = g.get("records_read")
        if counted is not None:  # records the repository read for this page
            timing += f', db;desc="{counted[0]} records"'
        response.headers["Server-Timing"] = timing
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response
