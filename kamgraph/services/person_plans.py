"""Relationship plans per VIP/KOL: the plan page, the plans list, and the checked writes.

The lead (lead and admin roles) sets a plan's goal, target stage and date, budget, owner
and status; the owning KAM works its steps (adds, dates, completes them). Readers see a
plan when their scope reaches its person (services/scope.py).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import neo4j

from kamgraph import terms, transfer_rules
from kamgraph.errors import FieldInvalid, Forbidden, NotFound
from kamgraph.fields import MAX_LONG_TEXT, MAX_TEXT
from kamgraph.i18n import N_
from kamgraph.models import (
    COVERAGE_STAGES,
    LEAD_ROLES,
    OPEN_TENDER_STATUSES,
    PERSON_PLAN_STATUSES,
    PersonPlan,
    PersonPlanStep,
    User,
)
from kamgraph.repository import dossier as dossier_repo
from kamgraph.repository import graph as graph_repo
from kamgraph.repository import person_plans as repo
from kamgraph.repository.dossier import TenderRole
from kamgraph.repository.person_plans import DoneIn, Listed, Plan
from kamgraph.services import references
from kamgraph.services import scope as scopes

# What the lead sets; the owning KAM may not change these.
STEERING = ("owner_id", "goal", "target_stage", "target_date", "budget", "currency", "status")


def may_steer(user: User) -> bool:
    """Whether `user` sets goals, targets, budgets and owners (leads and admins)."""
    return user.role in LEAD_ROLES


def may_work(user: User, owner_id: str | None) -> bool:
    """Whether `user` works a plan's steps: its owner, or a lead or admin."""
    return may_steer(user) or (user.role == "kam" and user.id == owner_id)


@dataclass(frozen=True)
class PlanPage:
    """The plan page: the plan and its steps, what the dossier says of the person's open
    tender roles and influence, and the interactions a step may be marked done by."""

    plan: Plan
    today: date
    tender_roles: list[TenderRole]  # open tenders only
    rank: int | None  # influence rank in the region
    interactions: list[DoneIn]  # the person's latest, for "done by"
    may_steer: bool
    may_work: bool

    @property
    def behind(self) -> bool:
        return self.plan.behind(self.today)


def plan_page(
    session: neo4j.Session, scope: scopes.Scope, plan_id: str, today: date
) -> PlanPage | None:
    """The plan page for `scope`'s reader; None if there is no such plan, or the reader may
    not read its person."""
    found = repo.get(session, plan_id)
    if found is None or not scopes.readable(session, scope, "person", [found.person_id]):
        return None
    stored = dossier_repo.get(session, found.person_id)
    if stored is None:
        return None
    dossier = scopes.dossier(session, scope, stored)
    user = scope.user
    return PlanPage(
        plan=found,
        today=today,
        tender_roles=[r for r in dossier.tender_roles if r.status in OPEN_TENDER_STATUSES],
        rank=dossier.scores.rank,
        interactions=repo.interactions_with(session, found.person_id),
        may_steer=may_steer(user),
        may_work=may_work(user, found.owner_id),
    )


@dataclass(frozen=True)
class Owner:
    """A team member who owns plans, for the list's filter."""

    id: str
    name: str


@dataclass(frozen=True)
class PlansPage:
    """The plans against their targets: a lead's team's (or one owner's), a KAM's own."""

    plans: list[Listed]
    today: date
    everyone: bool  # the reader sees others' plans (and may filter by owner)
    owners: list[Owner]
    owner_id: str | None

    @property
    def behind(self) -> int:
        return sum(p.behind(self.today) for p in self.plans)


def plans_page(
    session: neo4j.Session, scope: scopes.Scope, today: date, owner_id: str | None
) -> PlansPage:
    """Plans for `scope`'s reader: a KAM's own; for others, every plan of a person they
    read, or `owner_id`'s."""
    user = scope.user
    everyone = user.role != "kam"
    owner = (owner_id or None) if everyone else user.id
    found = repo.listed(session, today, owner_id=owner)
    readable = scopes.readable(session, scope, "person", {p.person_id for p in found})
    plans = [p for p in found if p.person_id in readable]
    owners = (
        [Owner(u.id, u.name) for u in sorted(graph_repo.team(session), key=lambda u: u.name)]
        if everyone
        else []
    )
    return PlansPage(plans, today, everyone, owners, owner)


def person_plans(
    session: neo4j.Session, scope: scopes.Scope, person_id: str, today: date
) -> list[Listed]:
    """The plans for one person (the dossier's), if `scope` reads the person."""
    if not scopes.readable(session, scope, "person", [person_id]):
        return []
    return repo.listed(session, today, person_id=person_id)


@dataclass(frozen=True)
class FormPage:
    """What the new-plan form starts from: the person's and the owner's labels."""

    person: str
    owner: str


def form_page(
    session: neo4j.Session, scope: scopes.Scope, person_id: str, owner_id: str
) -> FormPage:
    """The form's data; ids from a dossier's link become names."""
    labels = references.labels_of(
        session, scope, {"person": ("person", person_id), "owner": ("user", owner_id)}
    )
    return FormPage(labels["person"], labels["owner"])


def validated(
    *,
    goal: str,
    target_stage: str,
    budget: str,
    currency: str,
    status: str = "active",
) -> tuple[str, str, Decimal | None, str | None, str]:
    """A plan's goal, target stage, budget, currency and status checked; FieldInvalid
    naming the field if not. A budget without a currency is in EUR."""
    goal = goal.strip()
    if not goal:
        raise FieldInvalid("goal", N_("What should this relationship bring? Write the goal."))
    if len(goal) > MAX_LONG_TEXT:
        raise FieldInvalid("goal", N_("At most %(most)s characters."), most=MAX_LONG_TEXT)
    if target_stage not in COVERAGE_STAGES:
        raise FieldInvalid(
            "target_stage",
            N_("Choose a stage of the ladder: %(stages)s."),
            stages=tuple(terms.word("ladder stage", s) for s in COVERAGE_STAGES),
        )
    if status not in PERSON_PLAN_STATUSES:
        raise FieldInvalid(
            "status",
            N_("Choose a status: %(statuses)s."),
            statuses=tuple(terms.word("relationship plan status", s) for s in PERSON_PLAN_STATUSES),
        )
    if not budget.strip():
        return goal, target_stage, None, None, status
    code = (currency.strip() or "EUR").upper()
    if len(code) != 3 or not transfer_rules.is_currency(code):
        raise FieldInvalid(
            "currency",
            N_("%(value)s is not an ISO 4217 currency code, such as EUR, USD or ALL."),
            value=repr(code),
        )
    try:
        amount = transfer_rules.parse_amount(budget, code)
    except FieldInvalid as error:
        raise FieldInvalid("budget", error.message, **error.values) from None
    return goal, target_stage, amount, code, status


def create(session: neo4j.Session, plan: PersonPlan) -> bool:
    """Store a new plan (the view lets only leads and admins call it); False for a double
    submit. NotFound if the person or owner is gone."""
    _check_owner(session, plan.owner_id)
    return repo.create(session, plan)


def _check_owner(session: neo4j.Session, owner_id: str) -> None:
    if owner_id not in {u.id for u in graph_repo.team(session)}:
        raise FieldInvalid("owner", N_("Choose a member of the team as the owner."))


def update(
    session: neo4j.Session,
    scope: scopes.Scope,
    plan: PersonPlan,
    *,
    version: int,
) -> None:
    """Save the lead's edit of goal, target, budget, owner and status made on `version`;
    Conflict if someone saved since, Forbidden for a KAM."""
    if not may_steer(scope.user):
        raise Forbidden(N_("Only a lead sets a plan's goal, target, budget and owner."))
    stored = _readable(session, scope, plan.id)
    _check_owner(session, plan.owner_id)
    kept = dataclasses.replace(plan, person_id=stored.person_id)
    repo.update(session, kept, expected_version=version, only=set(STEERING))


def _readable(session: neo4j.Session, scope: scopes.Scope, plan_id: str) -> Plan:
    found = repo.get(session, plan_id)
    if found is None or not scopes.readable(session, scope, "person", [found.person_id]):
        raise NotFound(N_("Nothing here: the record may have been deleted or merged."))
    return found


def _worked(session: neo4j.Session, scope: scopes.Scope, plan_id: str) -> Plan:
    found = _readable(session, scope, plan_id)
    if not may_work(scope.user, found.owner_id):
        raise Forbidden(N_("Only the plan's owner or a lead works its steps."))
    return found


def add_step(session: neo4j.Session, scope: scopes.Scope, step: PersonPlanStep) -> bool:
    """Add a step to a plan, for its owner or a lead; False for a double submit."""
    _worked(session, scope, step.plan_id)
    what = step.what.strip()
    if not what:
        raise FieldInvalid("what", N_("What is the step? Write it."))
    if len(what) > MAX_TEXT:
        raise FieldInvalid("what", N_("At most %(most)s characters."), most=MAX_TEXT)
    return repo.add_step(session, dataclasses.replace(step, what=what))


def work_step(
    session: neo4j.Session,
    scope: scopes.Scope,
    plan_id: str,
    step_id: str,
    *,
    version: int,
    due_date: date | None,
    done: bool,
    interaction_id: str | None,
) -> None:
    """Date a step, mark it done (by one of the person's interactions, if given) or open
    again; for the plan's owner or a lead. Conflict if the step changed since `version`."""
    plan = _worked(session, scope, plan_id)
    step = next((s for s in plan.steps if s.id == step_id), None)
    if step is None:
        raise NotFound(N_("Nothing here: the record may have been deleted or merged."))
    done_in = tuple(i.id for i in step.interactions)
    if interaction_id:
        if interaction_id not in {i.id for i in repo.interactions_with(session, plan.person_id)}:
            raise FieldInvalid(
                "interaction", N_("Choose one of the interactions with %(name)s."), name=plan.person
            )
        done = True
        done_in = tuple(dict.fromkeys((*done_in, interaction_id)))
    changed = PersonPlanStep(
        id=step.id,
        plan_id=plan.id,
        what=step.what,
        due_date=due_date,
        done=done,
        interaction_ids=done_in,
    )
    repo.update_step(
        session,
        changed,
        expected_version=version,
        only={"due_date", "done", "interaction_ids"},
    )
