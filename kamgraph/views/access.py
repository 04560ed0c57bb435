"""The one authorisation helper: who is signed in, what their role may see, and the audit.

Every view gets its data through :func:`load` (or :func:`change` for writes), by role,
and asks :func:`require` before it shows or changes a record: record-level access is
decided by kamgraph/services/scope.py, through :func:`scope`, so no view decides access on
its own.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from flask import Flask, current_app, flash, g, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import LoginManager, UserMixin, current_user, logout_user

from kamgraph import clock, terms, web_db
from kamgraph.errors import Forbidden, NotFound, Unavailable
from kamgraph.i18n import N_
from kamgraph.models import LEAD_ROLES, USER_ROLES, User
from kamgraph.repository import audit
from kamgraph.repository import users as users_repo
from kamgraph.services import scope as scopes
from kamgraph.web_i18n import lazy_gettext, ngettext

if TYPE_CHECKING:  # the reads and writes a view passes in take the request's session
    import neo4j

P = ParamSpec("P")
T = TypeVar("T")

EVERYONE: tuple[str, ...] = USER_ROLES
LEADS: tuple[str, ...] = LEAD_ROLES
# Who may change the graph: compliance officers read, and change only their own records
# (the privacy bookkeeping, approvals) through change_as.
WRITERS: tuple[str, ...] = tuple(r for r in USER_ROLES if r != "compliance")
# Endpoints reachable without signing in. The calendar feed authenticates by its own
# secret token (calendar apps cannot sign in); health is for load balancers; the language
# switch serves the sign-in page too.
PUBLIC_ENDPOINTS = frozenset(
    {"auth.login", "static", "health.health_json", "calendar.feed", "account.switch"}
)

login_manager = LoginManager()


# A sign-in lasts at most this long, remembered or not; the README promises 14 days.
SIGN_IN_LASTS = timedelta(days=14)
SEEN_EVERY_S = 60  # how often the session notes a request (for the idle timeout)


class SignedIn(UserMixin):
    """Flask-Login's view of a kamgraph user, signed in at `since` under their session epoch.

    Its id, which Flask-Login keeps in the session and signs into the remember-me cookie,
    is "user id:epoch:since". A cookie therefore stops working when the user signs out,
    changes their password or is disabled (each raises the epoch), and 14 days after the
    sign-in, whatever the cookie's own expiry says.
    """

    def __init__(self, user: User, since: int) -> None:
        self.user = user
        self.since = since  # seconds since the epoch, UTC

    def get_id(self) -> str:
        return f"{self.user.id}:{self.user.session_epoch}:{self.since}"

    @classmethod
    def starting_now(cls, user: User) -> SignedIn:
        """A new sign-in of `user`, from now."""
        return cls(user, int(clock.now().timestamp()))

    @property
    def is_active(self) -> bool:  # pyright: ignore[reportIncompatibleMethodOverride]
        return self.user.active


def init_app(app: Flask) -> None:
    """Flask-Login, and sign-in required for every endpoint but the public ones."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"  # pyright: ignore[reportAttributeAccessIssue]
    login_manager.login_message = lazy_gettext("Please sign in to see this page.")
    login_manager.session_protection = "strong"
    app.before_request(_require_sign_in)


@login_manager.user_loader
def _load_user(token: str) -> SignedIn | None:
    """The sign-in a session or remember-me cookie holds, if it is still valid."""
    user_id, _, rest = token.partition(":")
    epoch, _, since = rest.partition(":")
    if not (epoch.isdigit() and since.isdigit()):
        return None  # a cookie from before session epochs, or forged: sign in again
    started = datetime.fromtimestamp(int(since), UTC)
    if clock.now() - started > SIGN_IN_LASTS:
        return None
    try:
        user = users_repo.get(web_db.get_session(), user_id)
    except Unavailable as error:
        # Remembered for _require_sign_in, which answers 503: the user is not signed out,
        # and the error page must not ask the database again.
        g.kamgraph_unavailable = error
        return None
    if user is None or not user.active or user.session_epoch != int(epoch):
        return None
    return SignedIn(user, int(since))


def _require_sign_in() -> ResponseReturnValue | None:
    if request.endpoint in PUBLIC_ENDPOINTS or request.blueprint == "api":
        return None  # the API signs in by token, never by cookie (views/api.py)
    signed_in = current_user.is_authenticated
    unavailable: Unavailable | None = g.pop("kamgraph_unavailable", None)
    if unavailable is not None:
        raise unavailable
    if signed_in:
        return _ended_by_idling()
    if request.endpoint is None:  # no such URL: let the 404 page say so
        return None
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _ended_by_idling() -> ResponseReturnValue | None:
    """Sign out a session left idle for KAMGRAPH_IDLE_MINUTES (a phone left on a café
    table); else note this request's time (at most once a minute, to spare the cookie)."""
    now = int(clock.now().timestamp())
    idle = int(str(current_app.config.get("IDLE_MINUTES") or 120)) * 60  # pyright: ignore[reportUnknownArgumentType]
    seen = session.get("seen")
    if isinstance(seen, int) and now - seen > idle:
        logout_user()
        session.pop("seen", None)
        flash(
            ngettext(
                "You were signed out after %(num)d minute without activity.",
                "You were signed out after %(num)d minutes without activity.",
                idle // 60,
            ),
            "info",
        )
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if not isinstance(seen, int) or now - seen >= SEEN_EVERY_S:
        session["seen"] = now
    return None


def viewer(roles: Collection[str] = EVERYONE) -> User:
    """The signed-in user, if their role is one of `roles`; else Forbidden."""
    if not current_user.is_authenticated:
        raise Forbidden(N_("Please sign in."))
    user: User = current_user.user  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType]
    if user.role not in roles:
        raise Forbidden(
            N_("This page is for these roles: %(roles)s."),
            roles=tuple(terms.word("role", r) for r in roles),
        )
    return user


def load(
    fetch: Callable[Concatenate[neo4j.Session, P], T | None],
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """Call a read for the signed-in user; None from it becomes NotFound (a 404 page)."""
    return _call(fetch, EVERYONE, None, *args, **kwargs)


def load_for(
    roles: Collection[str],
    audit_target: str | None,
    fetch: Callable[Concatenate[neo4j.Session, P], T | None],
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """As :func:`load`, limited to `roles`, and audited as a view of `audit_target`."""
    return _call(fetch, roles, audit_target, *args, **kwargs)


def _call(
    fetch: Callable[Concatenate[neo4j.Session, P], T | None],
    roles: Collection[str],
    audit_target: str | None,
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    user = viewer(roles)
    session = web_db.get_session()
    found = fetch(session, *args, **kwargs)
    if found is None:
        raise NotFound(N_("Nothing here: the record may have been deleted or merged."))
    if audit_target is not None:
        audit.record(
            session, user_id=user.id, action="view", target_id=audit_target, path=request.path
        )
    return found


def change(
    action: str,
    target: str,
    write: Callable[Concatenate[neo4j.Session, P], T],
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """Call a write for the signed-in user (one of WRITERS), audited as `action` on `target`.

    Nothing is recorded if nothing is written (a form with errors, a refused change).
    """
    return change_as(WRITERS, action, target, write, *args, **kwargs)


def change_as(
    roles: Collection[str],
    action: str,
    target: str,
    write: Callable[Concatenate[neo4j.Session, P], T],
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """As :func:`change`, for the roles `roles`."""
    user = viewer(roles)
    session = web_db.get_session()
    # The entry commits with the change's first transaction, or not at all.
    with audit.audited(user_id=user.id, action=action, target_id=target, path=request.path):
        return write(session, *args, **kwargs)


def record(action: str, target: str, details: dict[str, object] | None = None) -> None:
    """Audit something the signed-in user did that is not a record's page (a search, an
    export: `details` holds what a reader of the trail needs, such as its row count)."""
    user = viewer(EVERYONE)
    audit.record(
        web_db.get_session(),
        user_id=user.id,
        action=action,
        target_id=target,
        path=request.path,
        details=details,
    )


def scope() -> scopes.Scope:
    """What the signed-in user may read (worked out once per request)."""
    if "kamgraph_scope" not in g:
        g.kamgraph_scope = scopes.of(web_db.get_session(), viewer())
    return g.kamgraph_scope


def require(kind: str, record_id: str) -> None:
    """A 404 unless the signed-in user's scope reaches this record (scope.require)."""
    scopes.require(web_db.get_session(), scope(), kind, record_id)


def may_see_sensitive(covered_by: Collection[str]) -> bool:
    """Family, values and personal notes: for leads and admins, and the KAMs who cover them."""
    return scope().may_see_sensitive(covered_by)
