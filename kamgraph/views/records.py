"""Creating people, organizations and tenders, and adding or ending ties, from web forms.

The forms are rows of the import format: the same columns, help, checks and messages.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from kamgraph import clock
from kamgraph.i18n import N_, Message
from kamgraph.models import LEAD_ROLES
from kamgraph.schema import RELATIONSHIP_RULES, RELATIONSHIPS
from kamgraph.screening import record as special
from kamgraph.services import records_form, references
from kamgraph.views import access
from kamgraph.views.search import record_url
from kamgraph.web_i18n import gettext as _

bp = Blueprint("records", __name__)

# The tie types in a KAM's words.
TIE_WORDS = {
    "WORKS_AT": N_("Works at (role, department)"),
    "MEMBER_OF": N_("Member of a committee or board"),
    "REPORTS_TO": N_("Reports to"),
    "KNOWS": N_("Knows (kind and strength of the acquaintance)"),
    "INFLUENCES": N_("Influences (weight, topic, evidence)"),
    "ROLE_IN": N_("Role in a tender's DMU (role and stance)"),
    "COVERS": N_("Our team member covers (stage on the ladder)"),
    "MANAGES": N_("Our team member manages this account (a lead assigns it)"),
    "TIES_TO": N_("Works for a competitor (advisor, speaker, ...)"),
    "ATTENDED": N_("Attended an event"),
    "SPOKE_AT": N_("Spoke at an event"),
    "FOR": N_("Tender is for a product"),
}

# What the two ends of a tie are called on its form.
_FROM_TO = {
    "people": N_("Person"),
    "organizations": N_("Organization"),
    "tenders": N_("Tender"),
    "products": N_("Product"),
    "users": N_("Team member"),
    "events": N_("Event"),
}
_TITLES = {
    "people": N_("New person"),
    "organizations": N_("New organization"),
    "tenders": N_("New tender"),
}
_KINDS = {"people": "person", "organizations": "organization", "tenders": "tender"}


# A new person's short form; the rest is behind "More fields".
_PERSON_FIRST = ("titles", "given_name", "family_name", "phone", "email", "birthday", "hobbies")
# Where a new person works: an organization picked by name, the title and the department.
_JOB = ("organization", "job_title", "department")


@bp.route("/new/<table>", methods=["GET", "POST"])
def new(table: str) -> ResponseReturnValue:
    """A new person, organization or tender, typed as names; its id is made from the name."""
    if table not in records_form.CREATABLE:
        abort(404)
    me = access.viewer(access.WRITERS)
    columns = tuple(c for c in records_form.form_columns(table) if c.name != "id")
    picks = {c.name: references.KIND_OF_TABLE[c.ref] for c in columns if c.ref}
    cells = {c.name: request.form.get(c.name, "") for c in columns}
    record_id = request.form.get("id", "") or records_form.new_id(table)
    job = {name: request.form.get(name, "") for name in _JOB} if table == "people" else None
    errors: dict[str, str] = {}
    why = request.form.get("special_category_reason", "")
    warned: list[Message] = []
    screened: special.Review | None = None
    if request.method == "POST":
        typed_picks = {**picks, **({"organization": "organization"} if job else {})}
        posted = access.load(
            records_form.read_posted,
            access.scope(),
            table,
            {**cells, **(job or {}), "id": record_id},
            typed_picks,
            region=me.region,
        )
        row, errors = posted.row, posted.errors
        if posted.saved_already:
            flash(
                _("This was saved already, from this same form; nothing was saved twice."), "info"
            )
            return redirect(record_url(_KINDS[table], record_id))
        if not errors and table == "people":  # special-category text: say why, or nothing is saved
            text = {name: row.get(name, "").strip() or None for name in special.PERSON_FIELDS}
            screened = special.review("people", text, text, {}, why=why, by=me.id, at=clock.now())
            warned = special.warnings(screened.unjustified)
        if not errors and not warned:
            saved = access.change(
                "create",
                record_id,
                records_form.save_row,
                table,
                {k: v for k, v in row.items() if k not in _JOB},
                user=me,
                must_be_new=True,
                special=screened,
            )
            errors = saved.errors
            if not errors and row.get("organization"):
                works = {
                    "type": "WORKS_AT",
                    "from_id": record_id,
                    "to_id": row["organization"],
                    "title": row["job_title"],
                    "department": row["department"],
                }
                errors = access.change(
                    "tie",
                    f"WORKS_AT {record_id}",
                    records_form.save_row,
                    RELATIONSHIPS.name,
                    works,
                    user=me,
                    must_be_new=False,
                ).errors
                if errors:  # the person is saved; say what is left to do
                    flash(
                        _(
                            "Saved, but not where they work: %(why)s",
                            why="; ".join(errors.values()),
                        ),
                        "error",
                    )
                    return redirect(record_url(_KINDS[table], record_id))
            if not errors:
                flash(_("Saved."), "info")
                return redirect(record_url(_KINDS[table], record_id))
    first = _PERSON_FIRST if table == "people" else tuple(c.name for c in columns)
    return render_template(
        "record_form.html",
        title=_(_TITLES[table]),
        columns=[c for c in columns if c.name in first],
        more=[c for c in columns if c.name not in first],
        cells=cells,
        errors=errors,
        picks=picks,
        job=job,
        record_id=record_id,
        names={c.name: _(_FROM_TO[c.ref]) for c in columns if c.ref},
        special_warnings=warned,
        special_reason=why,
        special_fields=tuple(screened.unjustified) if screened else (),
    ), 400 if errors or warned else 200


@bp.route("/ties/new", methods=["GET", "POST"])
def new_tie() -> ResponseReturnValue:
    """Add a tie (or update one: the same type, from and to), or end it with 'until'.

    Pick the type first (?type=KNOWS&from_id=p-ada-rowan); the form then shows only the
    properties that type takes.
    """
    me = access.viewer(access.WRITERS)
    # A posted form says what was typed; the link's query string only starts the form
    # (it once overrode a typed "From").
    given = request.form if request.method == "POST" else request.args
    source = given.get("type", "") or request.args.get("type", "")
    rule = RELATIONSHIP_RULES.get(source)
    if rule is None:
        return render_template(
            "tie_type.html",
            rules=RELATIONSHIP_RULES.values(),
            from_id=request.args.get("from_id", ""),
            words={k: _(v) for k, v in TIE_WORDS.items()},
        )
    keep = {"type", "from_id", "to_id", "since", "until", *rule.props}
    columns = tuple(c for c in records_form.form_columns(RELATIONSHIPS.name) if c.name in keep)
    picks = {
        "from_id": references.KIND_OF_TABLE[rule.from_table],
        "to_id": references.KIND_OF_TABLE[rule.to_table],
    }
    cells = {c.name: given.get(c.name, "") for c in columns}
    cells["type"] = rule.type
    errors: dict[str, str] = {}
    if request.method == "GET":
        # ids from a link become the names they stand for; my own cover starts from me
        ids = {column: (kind, cells[column]) for column, kind in picks.items() if cells[column]}
        if rule.type == "COVERS" and not cells["from_id"]:
            ids["from_id"] = ("user", me.id)
        if ids:
            cells.update(access.load(references.labels_of, access.scope(), ids))
    else:
        posted = access.load(
            records_form.read_posted, access.scope(), RELATIONSHIPS.name, cells, picks
        )
        row, errors = posted.row, posted.errors
        if not errors:
            target = f"{rule.type} {row['from_id']} -> {row['to_id']}"
            saved = access.change(
                "tie",
                target,
                records_form.save_row,
                RELATIONSHIPS.name,
                row,
                user=me,
                must_be_new=False,
            )
            if not saved.errors:
                flash(_("%(tie)s: saved.", tie=_(TIE_WORDS.get(rule.type, rule.type))), "info")
                if rule.from_table == "people":
                    return redirect(url_for("people.dossier", person_id=row["from_id"]))
                if rule.to_table == "people":
                    return redirect(url_for("people.dossier", person_id=row["to_id"]))
                return redirect(url_for("home.index"))
            errors = saved.errors
    return render_template(
        "record_form.html",
        title=TIE_WORDS.get(rule.type, rule.type),
        columns=columns,
        cells=cells,
        errors=errors,
        fixed={"type"},
        picks=picks,
        names={"from_id": _(_FROM_TO[rule.from_table]), "to_id": _(_FROM_TO[rule.to_table])},
    ), 400 if errors else 200


@bp.post("/people/<person_id>/cover")
def cover(person_id: str) -> ResponseReturnValue:
    """One click from the dossier: I cover this person, at the stage chosen."""
    me = access.viewer(access.WRITERS)
    access.require("person", person_id)
    row = {
        "type": "COVERS",
        "from_id": me.id,
        "to_id": person_id,
        "stage": request.form.get("stage", ""),
    }
    saved = access.change(
        "tie",
        f"COVERS {me.id} -> {person_id}",
        records_form.save_row,
        RELATIONSHIPS.name,
        row,
        user=me,
        must_be_new=False,
    )
    if saved.errors:
        flash("; ".join(saved.errors.values()), "error")
    else:
        flash(
            _("You cover this person now.")
            if me.role in LEAD_ROLES
            else _("You cover this person now. A lead's confirmation opens the personal fields."),
            "info",
        )
    return redirect(url_for("people.dossier", person_id=person_id))


@bp.post("/covers/confirm")
def confirm_cover() -> ResponseReturnValue:
    """A lead confirms a KAM's own cover of a person (from the dossier)."""
    user_id, person_id = request.form.get("user_id", ""), request.form.get("person_id", "")
    me = access.viewer(access.LEADS)
    access.require("person", person_id)
    access.change(
        "confirm cover",
        f"COVERS {user_id} -> {person_id}",
        records_form.confirm_cover,
        user_id,
        person_id,
        by=me,
    )
    flash(_("Cover confirmed."), "info")
    return redirect(url_for("people.dossier", person_id=person_id))
