"""Editing people, organizations and tenders: checks beside each field; a stale save shows
both versions and loses nothing."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request
from flask.typing import ResponseReturnValue

from kamgraph.screening import record as special
from kamgraph.services import editing
from kamgraph.views import access, forms
from kamgraph.views.search import record_url
from kamgraph.web_i18n import gettext as _
from kamgraph.web_i18n import said

bp = Blueprint("edit", __name__)


@bp.route("/people/<person_id>/edit", methods=["GET", "POST"])
def person(person_id: str) -> ResponseReturnValue:
    """Edit a dossier; sensitive fields only for those who may see them."""
    return _edit(editing.PERSON, person_id)


@bp.route("/orgs/<org_id>/edit", methods=["GET", "POST"])
def organization(org_id: str) -> ResponseReturnValue:
    """Edit an organization (its parent moves atomically)."""
    return _edit(editing.ORGANIZATION, org_id)


@bp.route("/tenders/<tender_id>/edit", methods=["GET", "POST"])
def tender(tender_id: str) -> ResponseReturnValue:
    """Edit a tender's dates, status and outcome."""
    return _edit(editing.TENDER, tender_id)


def _edit(editable: editing.Editable, record_id: str) -> ResponseReturnValue:
    if request.method == "GET":
        # Opening the form is a view of the record (a dossier's form shows sensitive fields).
        page = access.load_for(
            access.WRITERS, record_id, editing.edit_page, access.scope(), editable, record_id
        )
        return render_template(
            "record_edit.html",
            text=page.text,
            errors={},
            version=page.version,
            **_context(page),
        )
    why = request.form.get("special_category_reason", "")
    posted = access.load_for(
        access.WRITERS,
        None,
        editing.submitted,
        access.scope(),
        editable,
        record_id,
        request.form,
        why=why,
        by=access.viewer().id,
    )
    page, text, edit = posted.page, posted.text, posted.edit
    version = forms.posted_version()
    if edit.errors:
        return render_template(
            "record_edit.html", text=text, errors=edit.errors, version=version, **_context(page)
        ), 400
    # Special-category words need a reason; the form asks for it, and nothing is saved.
    screened = posted.screened or special.Review({}, {}, {})
    if screened.needs_reason:
        return render_template(
            "record_edit.html",
            text=text,
            errors={},
            version=version,
            special_warnings=special.warnings(screened.unjustified),
            special_fields=tuple(screened.unjustified),
            special_reason=why,
            **_context(page),
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
            mine=editing.form_text(conflict.mine, page.names),
            theirs=editing.form_text(conflict.theirs, page.names),
            text=text,
            errors={},
            version=conflict.theirs.version,
            message=said(conflict),
            **_context(page),
        ), 409
    flash(_("Saved."), "info")
    return redirect(record_url(editable.name, record_id))


def _context(page: editing.EditPage) -> dict[str, object]:
    """What every render of the form shows beside its text and errors."""
    return {
        "record": page.record,
        "title": page.title,
        "names": page.names,
        "help": page.help,
        "sensitive": page.sensitive,
        "cancel_url": record_url(page.editable.name, page.record.id),
        "action_url": request.path,
    }
