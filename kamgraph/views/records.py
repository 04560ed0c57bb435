"""Creating people, organizations and tenders, and adding or ending ties, from web forms.

The forms are rows of the import format: the same columns, help, checks and messages.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from kamgraph.bundle.spec import RELATIONSHIP_RULES, RELATIONSHIPS
from kamgraph.services import records_form
from kamgraph.views import access
from kamgraph.views.search import record_url

bp = Blueprint("records", __name__)

# The tie types in a KAM's words.
TIE_WORDS = {
    "WORKS_AT": "Works at (role, department)", "MEMBER_OF": "Member of a committee or board",
    "REPORTS_TO": "Reports to", "KNOWS": "Knows (kind and strength of the acquaintance)",
    "INFLUENCES": "Influences (weight, topic, evidence)",
    "ROLE_IN": "Role in a tender's DMU (role and stance)",
    "COVERS": "Our team member covers (stage on the ladder)",
    "TIES_TO": "Works for a competitor (advisor, speaker, ...)", "ATTENDED": "Attended an event",
    "SPOKE_AT": "Spoke at an event", "FOR": "Tender is for a product",
}  # fmt: skip

_TITLES = {"people": "New person", "organizations": "New organization", "tenders": "New tender"}
_KINDS = {"people": "person", "organizations": "organization", "tenders": "tender"}


@bp.route("/new/<table>", methods=["GET", "POST"])
def new(table: str) -> ResponseReturnValue:
    """A new person, organization or tender; ids are stable, readable and chosen here."""
    if table not in records_form.CREATABLE:
        abort(404)
    me = access.viewer()
    columns = records_form.form_columns(table)
    cells = {c.name: request.form.get(c.name, "") for c in columns}
    errors: dict[str, str] = {}
    if request.method == "POST":
        saved = access.change("create", cells.get("id", ""), records_form.save_row, table,
                              cells, user=me, must_be_new=True)  # fmt: skip
        if not saved.errors:
            flash("Saved.", "info")
            return redirect(record_url(_KINDS[table], cells["id"].strip()))
        errors = saved.errors
    return render_template(
        "record_form.html", title=_TITLES[table], columns=columns, cells=cells, errors=errors,
    ), 400 if errors else 200  # fmt: skip


@bp.route("/ties/new", methods=["GET", "POST"])
def new_tie() -> ResponseReturnValue:
    """Add a tie (or update one: the same type, from and to), or end it with 'until'.

    Pick the type first (?type=KNOWS&from_id=p-ada-rowan); the form then shows only the
    properties that type takes.
    """
    me = access.viewer()
    source = request.values.get("type", "")
    rule = RELATIONSHIP_RULES.get(source)
    if rule is None:
        return render_template(
            "tie_type.html", rules=RELATIONSHIP_RULES.values(),
            from_id=request.args.get("from_id", ""), words=TIE_WORDS,
        )  # fmt: skip
    keep = {"type", "from_id", "to_id", "since", "until", *rule.props}
    columns = tuple(c for c in records_form.form_columns(RELATIONSHIPS.name) if c.name in keep)
    cells = {c.name: request.values.get(c.name, "") for c in columns}
    errors: dict[str, str] = {}
    if request.method == "POST":
        target = f"{cells['type']} {cells['from_id']} -> {cells['to_id']}"
        saved = access.change("tie", target, records_form.save_row, RELATIONSHIPS.name, cells,
                              user=me, must_be_new=False)  # fmt: skip
        if not saved.errors:
            flash(f"{rule.type} saved.", "info")
            if rule.from_table == "people":
                return redirect(url_for("people.dossier", person_id=cells["from_id"]))
            if rule.to_table == "people":
                return redirect(url_for("people.dossier", person_id=cells["to_id"]))
            return redirect(url_for("home.index"))
        errors = saved.errors
    return render_template(
        "record_form.html", title=f"{rule.type}: {rule.help or 'a tie'}", columns=columns,
        cells=cells, errors=errors, fixed={"type"},
    ), 400 if errors else 200  # fmt: skip


@bp.post("/covers/confirm")
def confirm_cover() -> ResponseReturnValue:
    """A lead confirms a KAM's own cover of a person (from the dossier)."""
    user_id, person_id = request.form.get("user_id", ""), request.form.get("person_id", "")
    me = access.viewer(access.LEADS)
    access.change("confirm cover", f"COVERS {user_id} -> {person_id}",
                  records_form.confirm_cover, user_id, person_id, by=me)  # fmt: skip
    flash("Cover confirmed.", "info")
    return redirect(url_for("people.dossier", person_id=person_id))
