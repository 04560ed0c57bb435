"""Editing dossiers: validated beside each field; a stale save shows both versions."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from kamgraph.bundle.spec import PEOPLE
from kamgraph.errors import Invalid
from kamgraph.repository import dossier as dossier_repo
from kamgraph.services import editing
from kamgraph.views import access

bp = Blueprint("edit", __name__)

_HELP = {c.name: c.help for c in PEOPLE.columns}
LABELS = {
    "given_name": "Given name", "family_name": "Family name", "titles": "Titles",
    "specialty": "Specialty", "languages": "Languages", "email": "Email", "phone": "Phone",
    "preferred_channel": "Preferred channel", "birthday": "Birthday", "hobbies": "Hobbies",
    "dmu_type": "DMU type", "communication": "Communication preferences",
    "family": "Family", "values": "Values and motivations", "notes": "Personal notes",
}  # fmt: skip


def _fields(show_sensitive: bool) -> tuple[str, ...]:
    return tuple(
        n for n in editing.PERSON_FIELDS if show_sensitive or n not in editing.SENSITIVE_FIELDS
    )


@bp.route("/people/<person_id>/edit", methods=["GET", "POST"])
def person(person_id: str) -> ResponseReturnValue:
    """Edit a dossier. The form carries the version it was read at."""
    me = access.viewer()
    found = access.load(dossier_repo.get, person_id)
    names = _fields(access.may_see_sensitive(me, found.covered_by))
    context = {"person": found.person, "names": names, "labels": LABELS, "help": _HELP,
               "sensitive": editing.SENSITIVE_FIELDS}  # fmt: skip
    if request.method == "GET":
        text = editing.form_text(found.person)
        return render_template("person_form.html", text=text, errors={},
                               version=found.person.version, **context)  # fmt: skip
    text = {n: request.form.get(n, "") for n in names}
    try:
        version = int(request.form.get("version", ""))
    except ValueError:
        raise Invalid("the form lost its version: reload the page") from None
    edit = editing.parse_person_form(text, names)
    if edit.errors:
        return render_template("person_form.html", text=text, errors=edit.errors,
                               version=version, **context), 400  # fmt: skip
    try:
        access.change("edit", person_id, editing.save_person, person_id, edit.values,
                      version=version)  # fmt: skip
    except editing.EditConflict as conflict:
        return render_template(
            "conflict.html", mine=editing.form_text(conflict.mine),
            theirs=editing.form_text(conflict.theirs), text=text, errors={},
            version=conflict.theirs.version, message=str(conflict), **context,
        ), 409  # fmt: skip
    flash("Saved.", "info")
    return redirect(url_for("people.dossier", person_id=person_id))
