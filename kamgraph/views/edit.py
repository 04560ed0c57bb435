"""Editing people, organizations and tenders: checks beside each field; a stale save shows
both versions and loses nothing."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request
from flask.typing import ResponseReturnValue

from kamgraph.errors import Invalid
from kamgraph.repository import dossier as dossier_repo
from kamgraph.screening import record as special
from kamgraph.services import editing
from kamgraph.views import access
from kamgraph.views.search import record_url

bp = Blueprint("edit", __name__)


@bp.route("/people/<person_id>/edit", methods=["GET", "POST"])
def person(person_id: str) -> ResponseReturnValue:
    """Edit a dossier; sensitive fields only for those who may see them."""
    access.require("person", person_id)
    found = access.load(dossier_repo.get, person_id)
    show = access.may_see_sensitive(found.covered_by)
    names = tuple(n for n in editing.PERSON.fields if show or n not in editing.PERSON.sensitive)
    return _edit(editing.PERSON, person_id, names)


@bp.route("/orgs/<org_id>/edit", methods=["GET", "POST"])
def organization(org_id: str) -> ResponseReturnValue:
    """Edit an organization (its parent moves atomically)."""
    access.require("organization", org_id)
    return _edit(editing.ORGANIZATION, org_id, editing.ORGANIZATION.fields)


@bp.route("/tenders/<tender_id>/edit", methods=["GET", "POST"])
def tender(tender_id: str) -> ResponseReturnValue:
    """Edit a tender's dates, status and outcome."""
    access.require("tender", tender_id)
    return _edit(editing.TENDER, tender_id, editing.TENDER.fields)


def _edit(
    editable: editing.Editable, record_id: str, names: tuple[str, ...]
) -> ResponseReturnValue:
    # Opening the form is a view of the record (a dossier's form shows sensitive fields).
    audited = record_id if request.method == "GET" else None
    record = access.load_for(access.WRITERS, audited, editable.get, record_id)
    back = record_url(editable.name, record_id)
    help_text = {n: editable.column(n).help for n in names}
    context = {
        "record": record,
        "title": editing.title_of(record),
        "names": names,
        "help": help_text,
        "sensitive": editable.sensitive,
        "cancel_url": back,
        "action_url": request.path,
    }
    if request.method == "GET":
        return render_template(
            "record_edit.html",
            text=editing.form_text(record, names),
            errors={},
            version=record.version,
            **context,
        )
    text = {n: request.form.get(n, "") for n in names}
    try:
        version = int(request.form.get("version", ""))
    except ValueError:
        raise Invalid("the form lost its version: reload the page") from None
    edit = access.load(editing.read_form, editable, text, names, record_id)
    if edit.errors:
        return render_template(
            "record_edit.html", text=text, errors=edit.errors, version=version, **context
        ), 400
    # Special-category words need a reason; the form asks for it, and nothing is saved.
    why = request.form.get("special_category_reason", "")
    screened = access.load(
        editing.screen, editable, record_id, edit.values, why=why, by=access.viewer().id
    )
    if screened.needs_reason:
        return render_template(
            "record_edit.html",
            text=text,
            errors={},
            version=version,
            special_warnings=special.warnings(screened.unjustified),
            special_fields=tuple(screened.unjustified),
            special_reason=why,
            **context,
        ), 400
    try:
        access.change(
            "edit",
            record_id,
            editing.save,
            editable,
            record_id,
            edit.values,
            version=version,
            extra=screened.props,
        )
    except editing.EditConflict as conflict:
        return render_template(
            "conflict.html",
            mine=editing.form_text(conflict.mine, names),
            theirs=editing.form_text(conflict.theirs, names),
            text=text,
            errors={},
            version=conflict.theirs.version,
            message=str(conflict),
            **context,
        ), 409
    flash("Saved.", "info")
    return redirect(back)
