"""Relationship plans per VIP/KOL and their steps: typed rows out, versioned writes in."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import neo4j

from kamgraph.cypher import q
from kamgraph.i18n import Money
from kamgraph.models import COVERAGE_STAGES, PersonPlan, PersonPlanStep
from kamgraph.repository import _entity
from kamgraph.repository._props import node_params
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import read_rows
from kamgraph.schema import PERSON_PLAN_STEPS, PERSON_PLANS, Table

LIST_LIMIT = 500
DUE_LIMIT = 100
INTERACTIONS_LIMIT = 50


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def stage_rank(stage: str | None) -> int:
    """A ladder stage's place (contact 1 ... near_friendship 4); 0 for none.

    >>> stage_rank("loyalty"), stage_rank(None)
    (3, 0)
    """
    return COVERAGE_STAGES.index(stage) + 1 if stage in COVERAGE_STAGES else 0


def highest(stages: list[str | None]) -> str | None:
    """The highest of the team's current ladder stages with a person, or None."""
    ranked = [s for s in stages if stage_rank(s)]
    return max(ranked, key=stage_rank) if ranked else None


@dataclass(frozen=True)
class DoneIn(Row):
    """An interaction with the plan's person, as a step names it."""

    id: str
    date: date
    kind: str | None
    notes: str | None


@dataclass(frozen=True)
class Step(Row):
    """A plan step as the plan page shows it."""

    id: str
    what: str
    due_date: date | None
    version: int | None
    done: bool
    interactions: list[DoneIn]

    def overdue(self, today: date) -> bool:
        """Not done, and its due date has passed."""
        return not self.done and self.due_date is not None and self.due_date < today


@dataclass(frozen=True)
class _PlanFields(Row):
    id: str
    goal: str
    target_stage: str
    target_date: date | None
    budget: Decimal | None = field(metadata={"read": _decimal})
    currency: str | None
    version: int | None
    status: str
    person_id: str
    person: str
    owner_id: str | None
    owner: str | None
    stages: list[str | None]

    @property
    def money(self) -> Money | None:
        """The budget, to be said in the reader's way ("€1,500", "1 500 €")."""
        return None if self.budget is None else Money(self.budget, self.currency or "EUR")

    @property
    def stage_now(self) -> str | None:
        """The highest ladder stage anyone on the team holds with the person now."""
        return highest(self.stages)

    @property
    def met(self) -> bool:
        """The person stands at the target stage or above."""
        return stage_rank(self.stage_now) >= stage_rank(self.target_stage)

    def late(self, today: date) -> bool:
        """The target date has passed below the target stage."""
        return self.target_date is not None and self.target_date < today and not self.met


@dataclass(frozen=True)
class Plan(_PlanFields):
    """A relationship plan with its steps (the plan page)."""

    steps: list[Step]

    def overdue(self, today: date) -> int:
        """How many steps are overdue."""
        return sum(s.overdue(today) for s in self.steps)

    def behind(self, today: date) -> bool:
        """An active plan past its target date below the target stage, or with steps overdue."""
        return self.status == "active" and (self.late(today) or self.overdue(today) > 0)

    @property
    def done(self) -> int:
        return sum(s.done for s in self.steps)


@dataclass(frozen=True)
class Listed(_PlanFields):
    """A relationship plan as the plans list shows it: its steps counted (overdue on the
    day it was read)."""

    steps: int
    done: int
    overdue: int

    def behind(self, today: date) -> bool:
        """An active plan past its target date below the target stage, or with steps overdue."""
        return self.status == "active" and (self.late(today) or self.overdue > 0)


@dataclass(frozen=True)
class DueStep(Row):
    """An open step of one of my active plans, with its plan and person."""

    id: str
    what: str
    due_date: date
    plan_id: str
    person_id: str
    person: str


@dataclass(frozen=True)
class StepOf(Row):
    """Which plan and person a step belongs to."""

    plan_id: str
    person_id: str


def get(session: neo4j.Session, plan_id: str) -> Plan | None:
    """One plan with its steps, or None."""
    rows = read_rows(session, q("person_plan/page"), id=plan_id)
    return Plan.from_map(rows[0]["plan"]) if rows else None


def listed(
    session: neo4j.Session,
    today: date,
    *,
    owner_id: str | None = None,
    person_id: str | None = None,
    limit: int = LIST_LIMIT,
) -> list[Listed]:
    """Plans by target date: all, one owner's, or one person's."""
    rows = read_rows(
        session,
        q("person_plan/list"),
        today=today,
        owner_id=owner_id,
        person_id=person_id,
        limit=limit,
    )
    return Listed.from_maps(r["plan"] for r in rows)


def due_steps(
    session: neo4j.Session,
    user_id: str,
    since: date | None = None,
    until: date | None = None,
    limit: int = DUE_LIMIT,
) -> list[DueStep]:
    """The open, dated steps of the active plans `user_id` owns, due from `since` to `until`."""
    rows = read_rows(
        session, q("person_plan/due_steps"), user_id=user_id, since=since, until=until, limit=limit
    )
    return DueStep.from_maps(r["step"] for r in rows)


def step_of(session: neo4j.Session, step_id: str) -> StepOf | None:
    """The plan and person of a step, or None."""
    rows = read_rows(session, q("person_plan/step_plan"), id=step_id)
    return StepOf.from_map(rows[0]) if rows else None


def interactions_with(
    session: neo4j.Session, person_id: str, limit: int = INTERACTIONS_LIMIT
) -> list[DoneIn]:
    """The person's latest interactions, newest first: what a step may be marked done by."""
    rows = read_rows(
        session, q("person_plan/person_interactions"), person_id=person_id, limit=limit
    )
    return DoneIn.from_maps(r["interaction"] for r in rows)


def _row(record: PersonPlan | PersonPlanStep) -> dict[str, Any]:
    row = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
    if isinstance(record, PersonPlan):
        row["budget"] = None if record.budget is None else str(record.budget)
    return row


def _props(table: Table, record: PersonPlan | PersonPlanStep, only: set[str]) -> dict[str, Any]:
    return node_params(table, _row(record), only, record.source)["props"]


def _links(table: Table, record: PersonPlan | PersonPlanStep) -> dict[str, list[str]]:
    links: dict[str, list[str]] = {}
    for link in table.links:
        value: str | tuple[str, ...] = getattr(record, link.column)
        links[link.column] = [value] if isinstance(value, str) else list(value)
    return links


def _create(session: neo4j.Session, table: Table, record: PersonPlan | PersonPlanStep) -> bool:
    """Create at version 1 with its links; False if this id was created before (a double
    submit: the first is kept)."""
    columns = {c.name for c in table.columns}
    props = {"id": record.id, **_props(table, record, columns), "version": 1}
    if _entity.get_props(session, table.label, record.id) is not None:
        return False
    _entity.create_props(session, table.label, props, same=lambda _stored: True)
    _entity.set_links(session, table, record.id, _links(table, record))
    return True


def create(session: neo4j.Session, plan: PersonPlan) -> bool:
    """Store a new plan (its person and owner checked by the caller)."""
    return _create(session, PERSON_PLANS, plan)


def add_step(session: neo4j.Session, step: PersonPlanStep) -> bool:
    """Store a new step of a plan."""
    return _create(session, PERSON_PLAN_STEPS, step)


def update(
    session: neo4j.Session, plan: PersonPlan, *, expected_version: int, only: set[str]
) -> None:
    """Save the plan's `only` columns as edited on `expected_version`; Conflict if stale."""
    _update(session, PERSON_PLANS, plan, expected_version, only)


def update_step(
    session: neo4j.Session, step: PersonPlanStep, *, expected_version: int, only: set[str]
) -> None:
    """Save a step's `only` columns as edited on `expected_version`; Conflict if stale."""
    _update(session, PERSON_PLAN_STEPS, step, expected_version, only)


def _update(
    session: neo4j.Session,
    table: Table,
    record: PersonPlan | PersonPlanStep,
    expected_version: int,
    only: set[str],
) -> None:
    links = {c: ids for c, ids in _links(table, record).items() if c in only}
    _entity.update_props(
        session,
        table,
        record.id,
        _props(table, record, only),
        expected_version=expected_version,
        links=links,
    )
