"""Proposals: my proposals, a new one typed by names, its page (arguments per DMU member,
status, the follow-up steps), sending it, and its steps marked done."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from kamgraph import clock
from kamgraph.errors import Conflict, FieldInvalid
from kamgraph.models import PROPOSAL_STATUSES
from kamgraph.services import proposals as proposals_service
from kamgraph.services import records_form
from kamgraph.views import access, forms
from kamgraph.web_i18n import day as say_day
from kamgraph.web_i18n import gettext as _
from kamgraph.web_i18n import said

bp = Blueprint("proposals", __name__, url_prefix="/proposals")

# The new form's fields, in order; account, tender and authors are typed as names.
_TEXT = ("title", "account", "tender", "valid_until", "benefits")


@bp.get("/")
def mine() -> ResponseReturnValue:
    """The proposals I wrote, newest first, with the ones not chased marked."""
    me = access.viewer()
    page = access.load_for(
        access.EVERYONE,
        "proposals",
        proposals_service.my_proposals,
        access.scope(),
        me,
        clock.today(),
    )
    return render_template("proposals.html", lines=page.lines)


@bp.route("/new", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    """A new proposal (a draft): title, account, tender, authors, validity, benefits;
    ?account=ID or ?tender=ID (from their pages) fills those in."""
    me = access.viewer(access.WRITERS)
    cells = {name: request.form.get(name, "") for name in _TEXT}
    authors = [v.strip() for v in request.form.getlist("author") if v.strip()]
    record_id = request.form.get("id", "") or f"pr-{uuid.uuid4().hex[:10]}"
    problems: dict[str, str] = {}
    if request.method == "GET":
        page = access.load(
            proposals_service.form_page,
            access.scope(),
            request.args.get("account", ""),
            request.args.get("tender", ""),
            me,
        )
        cells.update(account=page.account, tender=page.tender)
        authors = [page.author]
        return _form(record_id, cells, authors, problems), 200
    posted = access.load(
        proposals_service.read_posted, access.scope(), {**cells, "id": record_id}, authors
    )
    problems = {name: said(problem) for name, problem in posted.problems.items()}
    if not problems:
        saved = access.change(
            "create",
            record_id,
            records_form.save_row,
            "proposals",
            posted.row,
            user=me,
            must_be_new=True,
        )
        problems = {name: said(problem) for name, problem in saved.errors.items()}
        if not problems:
            flash(
                _("Saved as a draft. Write an argument for each DMU member, then send it."),
                "info",
            )
            return redirect(url_for("proposals.show", proposal_id=record_id))
    return _form(record_id, cells, authors or [""], problems), 400


def _form(
    record_id: str, cells: dict[str, str], authors: list[str], problems: dict[str, str]
) -> str:
    return render_template(
        "proposal_form.html",
        record_id=record_id,
        cells=cells,
        authors=authors or [""],
        problems=problems,
    )


@bp.get("/<proposal_id>")
def show(proposal_id: str) -> ResponseReturnValue:
    """The proposal: account, tender, authors, validity, benefits, an argument per DMU
    member by their type, its status and its follow-up steps."""
    return _page(proposal_id)


def _page(
    proposal_id: str,
    typed: Mapping[str, str] | None = None,
    problems: Mapping[str, str] | None = None,
) -> str:
    """The proposal page; after a refused save, with what was typed and why it was refused."""
    page = access.load_for(
        access.EVERYONE,
        proposal_id,
        proposals_service.proposal_page,
        access.scope(),
        proposal_id,
        clock.today(),
    )
    return render_template(
        "proposal.html",
        page=page,
        p=page.proposal,
        statuses=PROPOSAL_STATUSES,
        typed=typed,
        problems=problems,
    )


@bp.post("/<proposal_id>/edit")
def edit(proposal_id: str) -> ResponseReturnValue:
    """Save the title, validity, benefits, decision date, status and reason (with the
    version the page showed: a stale one is a conflict). A refused or clashing save shows
    the page again with what was typed, so nothing is lost."""
    me = access.viewer(access.WRITERS)
    access.require("proposal", proposal_id)
    form = request.form
    typed = {name: form.get(name, "") for name in _EDITED}
    try:
        fields = {
            "title": form.get("title", ""),
            "benefits": form.get("benefits", ""),
            "status": form.get("status", ""),
            "reason": form.get("reason", ""),
            "valid_until": forms.posted_day("valid_until"),
            "decision_date": forms.posted_day("decision_date"),
        }
        access.change(
            "edit",
            proposal_id,
            proposals_service.edit,
            proposal_id,
            version=forms.posted_version(),
            fields=fields,
            by=me.id,
        )
    except FieldInvalid as error:
        return _page(proposal_id, typed, {error.field: said(error)}), 400
    except Conflict as conflict:
        flash(
            _("Not saved: %(why)s. Your changes are in the form: compare, then save again.",
              why=said(conflict)),
            "error",
        )  # fmt: skip
        return _page(proposal_id, typed), 409
    flash(_("Saved."), "info")
    return redirect(url_for("proposals.show", proposal_id=proposal_id))


_EDITED = ("title", "benefits", "status", "reason", "valid_until", "decision_date")


@bp.post("/<proposal_id>/send")
def send(proposal_id: str) -> ResponseReturnValue:
    """Send a draft today: its follow-up steps go on its authors' weeks."""
    me = access.viewer(access.WRITERS)
    access.require("proposal", proposal_id)
    try:
        planned = access.change(
            "edit",
            proposal_id,
            proposals_service.send,
            proposal_id,
            version=forms.posted_version(),
            today=clock.today(),
            by=me.id,
        )
    except FieldInvalid as error:
        flash(said(error), "error")
        return redirect(url_for("proposals.show", proposal_id=proposal_id))
    flash(
        _(
            "Sent. Call them on %(call)s; the decision is due by %(decision)s.",
            call=say_day(planned.steps[0][1], "day"),
            decision=say_day(planned.decision_date, "day"),
        ),
        "info",
    )
    return redirect(url_for("proposals.show", proposal_id=proposal_id, _anchor="steps"))


@bp.post("/<proposal_id>/arguments/<person_id>")
def argument(proposal_id: str, person_id: str) -> ResponseReturnValue:
    """Save the argument for one DMU member."""
    me = access.viewer(access.WRITERS)
    access.require("proposal", proposal_id)
    access.require("person", person_id)
    try:
        access.change(
            "edit",
            proposal_id,
            proposals_service.save_argument,
            access.scope(),
            proposal_id,
            person_id,
            request.form.get("argument", ""),
            by=me.id,
        )
    except FieldInvalid as error:
        flash(said(error), "error")
    else:
        flash(_("Argument saved."), "info")
    return redirect(url_for("proposals.show", proposal_id=proposal_id, _anchor=f"m-{person_id}"))


@bp.post("/<proposal_id>/follow-up/<follow_up_id>")
def step(proposal_id: str, follow_up_id: str) -> ResponseReturnValue:
    """Mark a follow-up step done (done=done) or not (done=undo); back to My week or the
    proposal."""
    access.viewer(access.WRITERS)
    access.require("proposal", proposal_id)
    done = request.form.get("done", "done") == "done"
    access.change(
        "done" if done else "undone",
        follow_up_id,
        proposals_service.mark_step,
        proposal_id,
        follow_up_id,
        done=done,
        today=clock.today(),
    )
    flash(_("Marked done.") if done else _("Reopened."), "info")
    if request.form.get("back") == "week":
        return redirect(url_for("home.index"))
    return redirect(url_for("proposals.show", proposal_id=proposal_id, _anchor="steps"))
