"""Sign-in and sign-out: argon2id passwords, a fresh session, local-only redirects."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_user, logout_user  # pyright: ignore[reportUnknownVariableType]
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField
from wtforms.validators import DataRequired, Length

from kamgraph import web_db
from kamgraph.services import accounts
from kamgraph.views import limits
from kamgraph.views.access import SignedIn, viewer
from kamgraph.views.limits import limiter
from kamgraph.web_i18n import gettext as _
from kamgraph.web_i18n import lazy_gettext as _l

bp = Blueprint("auth", __name__)


class SignInForm(FlaskForm):
    """Email and password; 'remember me' keeps the sign-in for 14 days."""

    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=320)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])
    remember = BooleanField(_l("Keep me signed in on this device"))


def local_target(target: str | None) -> str:
    """`target` if it is a path on this site; else the home page (no open redirects)."""
    if not target:
        return url_for("home.index")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("home.index")
    if "\\" in target:  # browsers read /\evil.example as //evil.example
        return url_for("home.index")
    if not target.isprintable():  # CR, LF and the like would split the Location header
        return url_for("home.index")
    return target


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    limits.PER_ACCOUNT,
    key_func=limits.account_key,
    methods=["POST"],
    deduct_when=limits.failed,
    exempt_when=limits.known_device,
    error_message=limits.ACCOUNT_MESSAGE,
)
@limiter.limit(
    limits.PER_ADDRESS,
    methods=["POST"],
    deduct_when=limits.failed,
    exempt_when=limits.known_device,
    error_message=limits.ADDRESS_MESSAGE,
)
@limiter.limit(
    limits.PER_DEVICE,
    key_func=limits.device_key,
    methods=["POST"],
    deduct_when=limits.failed,
    exempt_when=limits.unknown_device,
    error_message=limits.DEVICE_MESSAGE,
)
def login() -> ResponseReturnValue:
    """The sign-in page."""
    form = SignInForm()
    if form.validate_on_submit():
        email = form.email.data or ""
        user = accounts.sign_in(
            web_db.get_session(), email, form.password.data or "", path=request.path
        )
        if user is not None:
            target = local_target(request.args.get("next"))
            session.clear()  # a fresh session: nothing survives from before sign-in
            login_user(SignedIn.starting_now(user), remember=bool(form.remember.data))
            response = redirect(target)
            response.set_cookie(
                limits.DEVICE_COOKIE,
                limits.device_cookie_for(email, secrets.token_urlsafe(16)),
                max_age=limits.DEVICE_DAYS * 86400,
                httponly=True,
                samesite="Lax",
                secure=current_app.config.get("SESSION_COOKIE_SECURE") is True,
            )
            return response
        flash(_("Wrong email or password, or the account is disabled."), "error")
    return render_template("login.html", form=form), 200 if request.method == "GET" else 401


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    """Sign out everywhere: every session and remember-me cookie of this user ends.

    A POST with a CSRF token (a GET must not change state).
    """
    if current_user.is_authenticated:
        accounts.end_sessions(web_db.get_session(), viewer().id)
    logout_user()
    session.clear()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))
