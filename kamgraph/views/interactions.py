"""Logging an interaction: date, kind, participants, notes, commitments, next step, due date."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from kamgraph import clock
from kamgraph.errors import Conflict, NotFound
from kamgraph.i18n import Message
from kamgraph.models import INTERACTION_KINDS, Interaction
from kamgraph.repository import interactions as interactions_repo
from kamgraph.screening import record as special
from kamgraph.services import interactions as interactions_service
from kamgraph.services import references
from kamgraph.views import access
from kamgraph.web_i18n import gettext as _
from kamgraph.web_i18n import lazy_gettext as _l

bp = Blueprint("interactions", __name__, url_prefix="/interactions")


class InteractionForm(FlaskForm):
    """The log form. `id` is made when the form is shown, so a double submit saves once."""

    id = HiddenField(validators=[DataRequired()])
    date = DateField(_l("Date"), validators=[DataRequired()], default=clock.today)
    kind = SelectField(_l("Kind"), choices=list(INTERACTION_KINDS), default="visit")  # pyright: ignore[reportArgumentType]
    notes = TextAreaField(_l("Notes"), validators=[Length(max=10_000)])
    commitments = TextAreaField(_l("What we promised"), validators=[Length(max=2000)])
    next_step = StringField(_l("Next step"), validators=[Length(max=500)])
    objective = TextAreaField(_l("Objective (a planned meeting)"), validators=[Length(max=2000)])
    agenda = TextAreaField(_l("Agenda"), validators=[Length(max=5000)])
    due_date = DateField(_l("Due"), validators=[Optional()])

    def validate(self, extra_validators: Any = None) -> bool:
        """Field checks, then: a next step needs a due date (shown beside the date)."""
        valid = super().validate(extra_validators)
        if self.next_step.data and not self.due_date.data:
            self.due_date.errors = [*self.due_date.errors, "When is the next step due?"]
            return False
        return valid

    def validate_due_date(self, field: DateField) -> None:
        """The due date can't precede the interaction."""
        if field.data and self.date.data and field.data < self.date.data:
            raise ValidationError(_("The due date is before the interaction."))


@bp.route("/new", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    """The log form; ?person=ID fills in who was met, and &intro=ID plans asking them for
    an introduction to that person (from a warm path)."""
    me = access.viewer(access.WRITERS)
    form = InteractionForm()
    typed = [v.strip() for v in request.form.getlist("participant") if v.strip()]
    participant_ids: tuple[str, ...] = ()
    problems: Sequence[str] = []
    if request.method == "GET":
        form.id.data = f"i-{uuid.uuid4().hex[:12]}"
        person, intro = request.args.get("person", ""), request.args.get("intro", "")
        page = access.load(interactions_service.form_page, access.scope(), person, intro)
        typed = [page.participant] if person else []
        if intro:  # from a warm path: plan asking `person` to introduce me to `intro`
            target = page.intro
            form.date.data = clock.today() + timedelta(days=1)
            form.kind.data = "call"
            form.notes.data = _("Ask for an introduction to %(name)s.", name=target)
            form.next_step.data = _("Meet %(name)s", name=target)
            form.due_date.data = clock.today() + timedelta(days=14)
    else:
        participant_ids, problems = access.load(
            references.resolve_many, access.scope(), "person", typed
        )
        if not typed:
            problems = [_("Who did you meet? Type a name and pick one from the list.")]
    warned: list[Message] = []
    screened = special.Review({}, {}, {})
    screened_fields: tuple[str, ...] = ()
    why = request.form.get("special_category_reason", "")
    if request.method == "POST" and form.validate_on_submit() and not problems:
        text = {
            "notes": form.notes.data or None,
            "commitments": form.commitments.data or None,
            "next_step": form.next_step.data or None,
        }
        screened = special.review("interactions", text, text, {}, why=why, by=me.id, at=clock.now())
        if screened.needs_reason:  # nothing is saved until the KAM says why
            warned = special.warnings(screened.unjustified)
            screened_fields = tuple(screened.unjustified)
    if request.method == "POST" and not warned and form.validate_on_submit() and not problems:
        interaction = Interaction(
            id=form.id.data or "",
            date=form.date.data or clock.today(),
            kind=form.kind.data,
            user_id=me.id,
            participant_ids=participant_ids,
            notes=form.notes.data or None,
            commitments=form.commitments.data or None,
            next_step=form.next_step.data or None,
            due_date=form.due_date.data,
            objective=form.objective.data or None,
            agenda=form.agenda.data or None,
        )
        try:
            stored = access.change(
                "log", interaction.id, interactions_repo.create, interaction, special=screened
            )
        except NotFound:  # deleted between the check and the save
            problems = [_("One of these people was deleted a moment ago; check the names.")]
        except Conflict:
            form.id.data = f"i-{uuid.uuid4().hex[:12]}"  # a fresh form; nothing was saved
            flash(
                _(
                    "This form was already used for another interaction; nothing was saved. "
                    "Check the fields and save again."
                ),
                "error",
            )
        else:
            if stored:
                flash(_("Interaction logged."), "info")
            else:
                flash(
                    _(
                        "This interaction was already logged from this form: the first "
                        "submission was kept, and the changes in this one were not saved."
                    ),
                    "error",
                )
            first = interaction.participant_ids[0]
            return redirect(url_for("people.dossier", person_id=first))
    return render_template(
        "interaction_form.html",
        form=form,
        participants=typed or [""],
        participant_problems=problems,
        special_warnings=warned,
        special_fields=screened_fields,
        special_reason=why,
    ), 400 if problems or warned else 200


@bp.post("/<interaction_id>/done")
def done(interaction_id: str) -> ResponseReturnValue:
    """Mark a next step done (from My week): one's own, or anyone's for leads and admins.
    My week then offers to undo it."""
    me = access.viewer(access.WRITERS)
    access.require("interaction", interaction_id)
    access.change(
        "done",
        interaction_id,
        interactions_repo.mark_done,
        interaction_id,
        user_id=me.id,
        anyone=me.role in access.LEADS,
    )
    return redirect(url_for("home.index", undo=interaction_id))


@bp.post("/<interaction_id>/undone")
def undone(interaction_id: str) -> ResponseReturnValue:
    """Undo a "Mark done": the next step is open again."""
    me = access.viewer(access.WRITERS)
    access.require("interaction", interaction_id)
    access.change(
        "undone",
        interaction_id,
        interactions_repo.mark_done,
        interaction_id,
        user_id=me.id,
        anyone=me.role in access.LEADS,
        done=False,
    )
    flash(_("Open again."), "info")
    return redirect(url_for("home.index"))
