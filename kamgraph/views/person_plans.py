"""Relationship plans per VIP/KOL: the plans against their targets, a plan's page, starting
one from a dossier (leads), the lead's edit, and the owner's steps."""

from __future__ import annotations

import uuid
from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from kamgraph import clock
from kamgraph.errors import Conflict, FieldInvalid
from kamgraph.models import COVERAGE_STAGES, PERSON_PLAN_STATUSES, PersonPlan, PersonPlanStep
from kamgraph.services import person_plans as plans
from kamgraph.services import references
from kamgraph.views import access, forms
from kamgraph.web_i18n import gettext as _
from kamgraph.web_i18n import said

bp = Blueprint("plans", __name__, url_prefix="/plans")


@bp.get("/")
def index() -> ResponseReturnValue:
    """The plans against their targets: a lead's (all, or one owner's), a KAM's own."""
    page = access.load_for(
        access.EVERYONE,
        "person-plans",
        plans.plans_page,
        access.scope(),
        clock.today(),
        request.args.get("owner") or None,
    )
    return render_template("person_plans.html", page=page, stages=COVERAGE_STAGES)


@bp.get("/<plan_id>")
def show(plan_id: str) -> ResponseReturnValue:
    """One plan: progress against its target, its steps, the person's open tender roles."""
    return _show(plan_id, {})


def _show(plan_id: str, problems: dict[str, str], status: int = 200) -> ResponseReturnValue:
    page = access.load_for(
        access.EVERYONE, plan_id, plans.plan_page, access.scope(), plan_id, clock.today()
    )
    return render_template(
        "person_plan.html",
        page=page,
        p=page.plan,
        problems=problems,
        form=request.form if status != 200 else {},
        stages=COVERAGE_STAGES,
        statuses=PERSON_PLAN_STATUSES,
    ), status


def _day(name: str, problems: dict[str, str]) -> date | None:
    try:
        return forms.posted_day(name)
    except FieldInvalid as error:
        problems[name] = said(error)
        return None


def _posted_plan(
    plan_id: str, person_id: str, owner_id: str, problems: dict[str, str]
) -> PersonPlan:
    """The lead's fields of the posted form as a plan, checked; problems beside the fields."""
    target_date = _day("target_date", problems)
    try:
        goal, stage, budget, currency, status = plans.validated(
            goal=request.form.get("goal", ""),
            target_stage=request.form.get("target_stage", ""),
            budget=request.form.get("budget", ""),
            currency=request.form.get("currency", ""),
            status=request.form.get("status", "active"),
        )
    except FieldInvalid as error:
        problems[error.field] = said(error)
        goal, stage, budget, currency, status = "", "", None, None, "active"
    return PersonPlan(
        id=plan_id,
        person_id=person_id,
        owner_id=owner_id,
        goal=goal,
        target_stage=stage,
        target_date=target_date,
        budget=budget,  # pyright: ignore[reportArgumentType]
        currency=currency,
        status=status,
    )


@bp.route("/new", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    """Start a relationship plan (leads and admins); ?person=ID fills in the person."""
    access.viewer(access.LEADS)
    problems: dict[str, str] = {}
    if request.method == "GET":
        page = access.load(
            plans.form_page,
            access.scope(),
            request.args.get("person", ""),
            request.args.get("owner", ""),
        )
        form = {
            "id": f"pp-{uuid.uuid4().hex[:12]}",
            "person": page.person,
            "owner": page.owner,
            "target_stage": "loyalty",
            "currency": "EUR",
        }
        return render_template(
            "person_plan_form.html", form=form, problems=problems, stages=COVERAGE_STAGES
        )
    form = request.form
    typed = {
        "person": ("person", form.get("person", "").strip()),
        "owner": ("user", form.get("owner", "").strip()),
    }
    if not typed["person"][1]:
        problems["person"] = _("Whom is the plan for? Type a name and pick one.")
    if not typed["owner"][1]:
        problems["owner"] = _("Who works it? Type a team member's name and pick one.")
    found = access.load(references.resolve_fields, access.scope(), typed)
    problems.update({name: said(problem) for name, problem in found.problems.items()})
    plan = _posted_plan(
        form.get("id", ""), found.ids.get("person", ""), found.ids.get("owner", ""), problems
    )
    if not problems and plan.id:
        try:
            access.change_as(access.LEADS, "create", plan.id, plans.create, plan)
        except FieldInvalid as error:
            problems[error.field] = said(error)
        else:
            flash(_("The relationship plan is started."), "info")
            return redirect(url_for("plans.show", plan_id=plan.id))
    return render_template(
        "person_plan_form.html", form=form, problems=problems, stages=COVERAGE_STAGES
    ), 400


@bp.post("/<plan_id>/edit")
def edit(plan_id: str) -> ResponseReturnValue:
    """The lead's edit of goal, target stage and date, budget, owner and status."""
    access.viewer(access.LEADS)
    problems: dict[str, str] = {}
    version = forms.posted_version()
    owner_text = request.form.get("owner", "").strip()
    found = access.load(references.resolve_fields, access.scope(), {"owner": ("user", owner_text)})
    problems.update({name: said(problem) for name, problem in found.problems.items()})
    if not owner_text:
        problems["owner"] = _("Who works it? Type a team member's name and pick one.")
    # the person is kept as stored
    plan = _posted_plan(plan_id, "", found.ids.get("owner", ""), problems)
    if problems:
        return _show(plan_id, problems, 400)
    try:
        access.change_as(
            access.LEADS, "edit", plan_id, plans.update, access.scope(), plan, version=version
        )
    except Conflict as conflict:
        flash(
            _("Not saved: %(why)s. Here is the plan as it is now; make your change again.",
              why=said(conflict)),
            "error",
        )  # fmt: skip
        return _show(plan_id, {}, 409)
    except FieldInvalid as error:
        return _show(plan_id, {error.field: said(error)}, 400)
    flash(_("Saved."), "info")
    return redirect(url_for("plans.show", plan_id=plan_id))


@bp.post("/<plan_id>/steps")
def add_step(plan_id: str) -> ResponseReturnValue:
    """Add a step (its owner or a lead)."""
    problems: dict[str, str] = {}
    due = _day("due_date", problems)
    step = PersonPlanStep(
        id=request.form.get("id") or f"pps-{uuid.uuid4().hex[:12]}",
        plan_id=plan_id,
        what=request.form.get("what", ""),
        due_date=due,
    )
    if not problems:
        try:
            access.change("edit", plan_id, plans.add_step, access.scope(), step)
        except FieldInvalid as error:
            problems[error.field] = said(error)
    if problems:
        return _show(plan_id, problems, 400)
    flash(_("Step added."), "info")
    return redirect(url_for("plans.show", plan_id=plan_id, _anchor="steps"))


@bp.post("/<plan_id>/steps/<step_id>")
def work_step(plan_id: str, step_id: str) -> ResponseReturnValue:
    """Date a step, mark it done (by one of the person's interactions) or open it again."""
    problems: dict[str, str] = {}
    due = _day("due_date", problems)
    version = forms.posted_version()
    done = request.form.get("done") == "done"
    interaction = request.form.get("interaction") or None
    if not problems:
        try:
            access.change(
                "done" if done or interaction else "edit",
                step_id,
                plans.work_step,
                access.scope(),
                plan_id,
                step_id,
                version=version,
                due_date=due,
                done=done,
                interaction_id=interaction,
            )
        except FieldInvalid as error:
            problems[error.field] = said(error)
        except Conflict as conflict:
            flash(_("Not saved: %(why)s.", why=said(conflict)), "error")
            return _show(plan_id, {}, 409)
    if problems:
        return _show(plan_id, problems, 400)
    if request.form.get("back") == "week":
        return redirect(url_for("home.index"))
    flash(_("Saved."), "info")
    return redirect(url_for("plans.show", plan_id=plan_id, _anchor="steps"))
