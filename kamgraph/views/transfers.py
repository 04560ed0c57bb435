"""Transfers of value: the ledger, recording one, the compliance officer's approval queue,
and the yearly disclosure report (docs/transfers.md)."""

from __future__ import annotations

import uuid

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from kamgraph import clock, config, transfer_rules, web_i18n
from kamgraph.errors import FieldInvalid, Invalid, NotFound
from kamgraph.i18n import N_, Money
from kamgraph.models import COMPLIANCE_ROLES, TRANSFER_KINDS, Transfer
from kamgraph.services import references
from kamgraph.services import transfers as transfers_service
from kamgraph.views import access
from kamgraph.web_i18n import gettext as _
from kamgraph.web_i18n import lazy_gettext as _l
from kamgraph.web_i18n import said, term

bp = Blueprint("transfers", __name__, url_prefix="/transfers")


def _rules() -> transfer_rules.Rules:
    return transfer_rules.load(config.transfer_rules_file(current_app.config))


class TransferForm(FlaskForm):
    """The form. `id` is made when it is shown, so a double submit records once."""

    id = HiddenField(validators=[DataRequired()])
    person = StringField(_l("Given to"), render_kw={"data-pick": "person", "autocomplete": "off"})
    # The template shows each kind in words ("Registration fee").
    kind = SelectField(_l("What"), choices=list(TRANSFER_KINDS), default="meal")  # pyright: ignore[reportArgumentType]
    amount = StringField(_l("Amount"), render_kw={"inputmode": "decimal", "autocomplete": "off"})
    currency = StringField(
        _l("Currency"), default="EUR", render_kw={"autocomplete": "off", "maxlength": 3}
    )
    date = DateField(
        _l("Date"), validators=[DataRequired(_l("When was it given?"))], default=clock.today
    )
    event = StringField(
        _l("At the event (optional)"), render_kw={"data-pick": "event", "autocomplete": "off"}
    )
    purpose = TextAreaField(_l("Purpose"), validators=[Length(max=transfers_service.MAX_PURPOSE)])
    given_by = StringField(_l("Given by"), render_kw={"data-pick": "user", "autocomplete": "off"})


@bp.get("/")
def ledger() -> ResponseReturnValue:
    """The ledger: everything, for compliance, admins and leads; what I gave, for a KAM."""
    me = access.viewer()
    page = access.load_for(
        access.EVERYONE, "transfers", transfers_service.ledger_page, access.scope(), me
    )
    return render_template(
        "transfers.html",
        entries=page.entries,
        everyone=page.everyone,
        me=me,
        may_decide=page.may_decide,
        year=clock.today().year,
    )


@bp.route("/new", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    """Record a transfer of value; ?person=ID fills in who it was given to."""
    me = access.viewer(access.WRITERS)
    form = TransferForm()
    problems: dict[str, str] = {}
    if request.method == "GET":
        form.id.data = f"tv-{uuid.uuid4().hex[:12]}"
        page = access.load(
            transfers_service.form_page, access.scope(), request.args.get("person", "")
        )
        form.person.data = page.person
        form.given_by.data = me.name
        return render_template(
            "transfer_form.html", form=form, problems=problems, kinds=TRANSFER_KINDS
        )
    if form.validate_on_submit():
        transfer = _parsed(form, problems, me.id)
        if transfer is not None:
            try:
                done = access.change(
                    "transfer",
                    transfer.id,
                    transfers_service.record,
                    _rules(),
                    transfer,
                    by=me.id,
                    at=clock.now(),
                )
            except transfers_service.Blocked as blocked:
                problems["rules"] = said(blocked)
            except NotFound:
                problems["person"] = _("This person or event was deleted a moment ago.")
            else:
                _say(done)
                return redirect(url_for("people.dossier", person_id=done.transfer.person_id))
    return render_template(
        "transfer_form.html", form=form, problems=problems, kinds=TRANSFER_KINDS
    ), 400


def _parsed(form: TransferForm, problems: dict[str, str], my_id: str) -> Transfer | None:
    """The form as a Transfer (not yet checked against the rules), or None with problems
    beside the fields."""
    typed = {
        field: (kind, str(getattr(form, field).data or "").strip())
        for field, kind in (("person", "person"), ("event", "event"), ("given_by", "user"))
    }
    if not typed["person"][1]:
        problems["person"] = _("Who was it given to? Type a name and pick one.")
    found = access.load(references.resolve_fields, access.scope(), typed)
    problems.update({name: said(problem) for name, problem in found.problems.items()})
    ids = {"given_by": my_id, **found.ids}
    try:
        kind, amount, currency, purpose = transfers_service.validated(
            kind=form.kind.data or "",
            amount=form.amount.data or "",
            currency=form.currency.data or "",
            purpose=form.purpose.data,
        )
    except FieldInvalid as error:
        problems[error.field] = said(error)
        return None
    if problems or form.date.data is None:
        return None
    return Transfer(
        id=form.id.data or "",
        person_id=str(ids["person"]),
        kind=kind,
        amount=amount,
        currency=currency,
        date=form.date.data,
        given_by=str(ids["given_by"]),
        purpose=purpose,
        event_id=ids.get("event"),
    )


def _say(done: transfers_service.Recorded) -> None:
    """Tell the user what happened, with every finding."""
    if not done.created:
        flash(
            _("This transfer was already recorded from this form: the first submission was kept."),
            "error",
        )
        return
    money = said(Money(done.transfer.amount, done.transfer.currency))
    what = term(done.transfer.kind, "transfer kind")
    if done.transfer.status == "pending":
        flash(
            _(
                "The %(what)s of %(money)s is recorded and waits for a compliance officer's "
                "approval.",
                what=what,
                money=money,
            ),
            "info",
        )
    else:
        flash(_("The %(what)s of %(money)s is recorded.", what=what, money=money), "info")
    for finding in done.findings:
        flash(said(finding.sentence), "warning" if finding.level == "warn" else "info")


@bp.get("/queue")
def queue() -> ResponseReturnValue:
    """The approval queue: pending transfers, oldest first, for compliance and admins."""
    page = access.load_for(
        COMPLIANCE_ROLES, "transfers-queue", transfers_service.queue_page, access.scope()
    )
    return render_template("transfers_queue.html", entries=page.entries)


@bp.post("/<transfer_id>/decide")
def decide(transfer_id: str) -> ResponseReturnValue:
    """Approve or reject a pending transfer, with a note; audited with the decision."""
    me = access.viewer(COMPLIANCE_ROLES)
    decision = request.form.get("decision", "")
    if decision not in ("approve", "reject"):
        raise Invalid(N_("Choose to approve or to reject."))
    note = request.form.get("note", "")
    try:
        status = access.change_as(
            COMPLIANCE_ROLES,
            f"transfer {decision}",
            transfer_id,
            transfers_service.decide,
            transfer_id,
            approve=decision == "approve",
            note=note,
            user_id=me.id,
            at=clock.now(),
        )
    except FieldInvalid as error:
        flash(said(error), "error")
        return redirect(url_for("transfers.queue", _anchor=f"t-{transfer_id}"))
    flash(_("Transfer %(status)s.", status=term(status, "transfer status")), "info")
    return redirect(url_for("transfers.queue"))


@bp.get("/export")
def export() -> ResponseReturnValue:
    """The year's disclosure report (?year=2026&format=csv|xlsx), with a watermark line;
    audited with its row count."""
    me = access.viewer(COMPLIANCE_ROLES)
    fmt = request.args.get("format", "csv")
    try:
        year = int(request.args.get("year", clock.today().year))
    except ValueError:
        raise Invalid(N_("Give a year, such as 2026.")) from None
    if fmt not in ("csv", "xlsx") or not 2000 <= year <= 2100:
        raise Invalid(N_("Choose CSV or XLSX, for a year from 2000 to 2100."))
    report = access.load(transfers_service.year_report, year)
    mark = transfers_service.watermark(f"{me.name} <{me.email}>", clock.now(), year, len(report))
    data = transfers_service.export_bytes(
        report, fmt, mark=mark, delimiter=web_i18n.csv_delimiter()
    )
    access.record(
        "transfers export", f"transfers-{year}", {"format": fmt, "rows": len(report), "year": year}
    )
    mimetype: dict[str, str] = {
        "csv": "text/csv",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    name = f"transfers-of-value-{year}.{fmt}"
    return Response(
        data,
        mimetype=mimetype[fmt],
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )
