"""The reader's own settings: the language and calendar of the pages, and the header's
language switch (which also works before signing in)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user  # pyright: ignore[reportUnknownVariableType]
from flask_wtf import FlaskForm
from wtforms import SelectField

from kamgraph import clock, web_i18n
from kamgraph.errors import FieldInvalid
from kamgraph.models import CALENDARS, LOCALES, User
from kamgraph.services import accounts, api_tokens, deputies
from kamgraph.views import access
from kamgraph.views.auth import local_target
from kamgraph.views.deputies import new_id
from kamgraph.web_i18n import gettext as _
from kamgraph.web_i18n import lazy_gettext as _l

bp = Blueprint("account", __name__)


class PreferencesForm(FlaskForm):
    """The language (or the browser's) and the calendar dates are written in."""

    lang = SelectField(_l("Language"))
    calendar = SelectField(_l("Calendar"))


def _choices(form: PreferencesForm) -> PreferencesForm:
    form.lang.choices = [("", _("The browser's language")), *web_i18n.LANGUAGE_NAMES.items()]
    form.calendar.choices = [
        ("gregorian", _("Gregorian (2026)")),
        ("buddhist", _("Buddhist era (2569)")),
    ]
    return form


@bp.route("/account", methods=["GET", "POST"])
def settings() -> ResponseReturnValue:
    """My language and calendar."""
    me = access.viewer()
    form = _choices(PreferencesForm(lang=me.lang or "", calendar=me.calendar))
    if form.validate_on_submit():
        _save(me, form.lang.data or None, form.calendar.data or CALENDARS[0])
        session.pop(web_i18n.SESSION_KEY, None)
        flash(_("Your settings are saved."), "ok")
        return redirect(url_for("account.settings"))
    return _page(form)


def _page(
    form: PreferencesForm,
    *,
    new_token: str | None = None,
    token_error: FieldInvalid | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    me = access.viewer()
    tokens = access.load(api_tokens.tokens, me.id)
    mine = access.load(deputies.deputies_page, access.scope(), "", clock.today())
    return render_template(
        "account.html",
        form=form,
        today=clock.today(),
        deputies=mine,
        deputy_id=new_id(),
        tokens=tokens,
        new_token=new_token,
        token_error=token_error,
        token_name=request.form.get("name", "") if token_error else "",
    ), status


@bp.post("/account/tokens")
def new_token() -> ResponseReturnValue:
    """Make a personal API token (read, or read and write); it is shown this once."""
    me = access.viewer()
    form = _choices(PreferencesForm(lang=me.lang or "", calendar=me.calendar))
    try:
        token = access.change_as(
            access.EVERYONE,
            "api-token",
            me.id,
            api_tokens.issue,
            me.id,
            name=request.form.get("name", ""),
            scope=request.form.get("scope", ""),
        )
    except FieldInvalid as error:
        return _page(form, token_error=error, status=400)
    return _page(form, new_token=token)


@bp.post("/account/tokens/<token_id>/revoke")
def revoke_token(token_id: str) -> ResponseReturnValue:
    """Revoke one of my API tokens: it stops working at once."""
    me = access.viewer()
    access.change_as(access.EVERYONE, "api-revoke", me.id, api_tokens.revoke, me.id, token_id)
    flash(_("The token is revoked."), "ok")
    return redirect(url_for("account.settings"))


@bp.post("/language")
def switch() -> ResponseReturnValue:
    """The header's switch: speak `lang` from now on (on the account if signed in), and go
    back to the page it was pressed on."""
    lang = request.form.get("lang", "")
    if lang in LOCALES:
        session[web_i18n.SESSION_KEY] = lang
        if current_user.is_authenticated:
            me = access.viewer()
            _save(me, lang, me.calendar)
    return redirect(local_target(request.form.get("next")))


def _save(me: User, lang: str | None, calendar: str) -> None:
    """Store the signed-in user's language and calendar, audited as her preferences."""
    access.change_as(
        access.EVERYONE,
        "preferences",
        me.id,
        accounts.set_preferences,
        me.id,
        lang=lang,
        calendar=calendar,
    )
