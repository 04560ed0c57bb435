"""A tender's balance of power: the DMU's influence-weighted stances, and what-ifs."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import neo4j

from kamgraph import clock
from kamgraph.analytics import power as power_alg
from kamgraph.errors import Invalid, NotFound
from kamgraph.i18n import N_
from kamgraph.repository import graph as graph_repo
from kamgraph.services import projection as proj


@dataclass(frozen=True)
class Weighted:
    """A DMU member with their share of the DMU's influence."""

    id: str
    name: str
    role: str
    stance: str
    weight: float


@dataclass(frozen=True)
class Balance:
    """The influence-weighted stance of a DMU (rounded for showing)."""

    index: float  # -2 (all blockers) .. +2 (all champions)
    forecast: str
    support_share: float
    by_stance: dict[str, float]
    members: list[Weighted]


@dataclass(frozen=True)
class WhatIf:
    """The balance if one person took another stance."""

    person: str
    stance: str
    balance: Balance


@dataclass(frozen=True)
class PowerReport:
    """A tender's balance now, as of when the influence was computed, and a what-if."""

    tender: graph_repo.TenderRef
    balance: Balance
    as_of: str | None
    what_if: WhatIf | None = None

    def as_json(self) -> dict[str, object]:
        """As the CLI prints it: no ``what_if`` key unless one was asked."""
        found = dataclasses.asdict(self)
        if self.what_if is None:
            del found["what_if"]
        return found


@dataclass(frozen=True)
class NoForecast:
    """Why a tender has no forecast: no DMU recorded yet, or an unknown what-if person."""

    error: Invalid


def power_report(
    session: neo4j.Session,
    tender_id: str,
    *,
    what_if: tuple[str, str] | None = None,
    near: proj.Near | None = None,
) -> PowerReport:
    """A tender's influence-weighted balance of stances, and optionally a what-if."""
    found = graph_repo.tender_dmu(session, tender_id, clock.today())
    if found is None:
        raise NotFound(N_("There is no tender %(id)s."), id=repr(tender_id))
    if not found.members:
        raise Invalid(
            N_("tender %(tender)s has no DMU members recorded (ROLE_IN)"), tender=repr(tender_id)
        )
    members = [power_alg.Member(m.id, m.name, m.role, m.stance) for m in found.members]
    around = (near or proj.near_locally(session))([m.id for m in members])
    if around.get("unavailable"):
        raise Invalid(around["unavailable"])
    scores: dict[str, float] = around["scores"]
    now = power_alg.balance(members, scores)
    moved: WhatIf | None = None
    if what_if is not None:
        person, stance = what_if
        try:
            _, after = power_alg.what_if(members, scores, person, stance)
        except ValueError as error:
            raise Invalid(str(error)) from error
        moved = WhatIf(person, stance, _balance(after, members))
    return PowerReport(found.tender, _balance(now, members), around["as_of"], moved)


def _balance(result: power_alg.Balance, members: Sequence[power_alg.Member]) -> Balance:
    return Balance(
        index=result.index,
        forecast=result.forecast,
        support_share=round(result.support_share, 6),
        by_stance={k: round(v, 6) for k, v in result.by_stance.items()},
        members=[
            Weighted(m.id, m.name, m.role, m.stance, round(result.weights[m.id], 6))
            for m in members
        ],
    )
