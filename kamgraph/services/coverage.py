"""Coverage of a tender's DMU or an account's people: who on our team covers each, how
recently, and the gaps; and the fields every coverage table shows of a row."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import neo4j

from kamgraph import clock
from kamgraph.analytics import coverage as coverage_alg
from kamgraph.errors import Invalid, NotFound
from kamgraph.i18n import N_
from kamgraph.repository import graph as graph_repo
from kamgraph.repository import tenders as tenders_repo
from kamgraph.services import projection as proj


@dataclass(frozen=True)
class CoveredBy:
    """A team member who covers the person, and at which stage."""

    id: str
    name: str
    stage: str


@dataclass(frozen=True)
class Seen:
    """What every coverage table shows of a row: who covers the person, the last contact,
    the days since, and the flags."""

    covered_by: list[CoveredBy]
    last_contact: str | None  # ISO date
    days_since_contact: int | None
    flags: list[str]


def seen(r: coverage_alg.CoverageRow) -> Seen:
    """The shared fields of a coverage row."""
    return Seen(
        covered_by=[CoveredBy(c.user_id, c.user_name, c.stage) for c in r.member.covers],
        last_contact=r.member.last_contact.isoformat() if r.member.last_contact else None,
        days_since_contact=r.days_since_contact,
        flags=list(r.flags),
    )


@dataclass(frozen=True)
class Covered:
    """One DMU (or account) member: role, stance, influence, coverage, conflicts."""

    id: str
    name: str
    role: str | None
    stance: str | None
    influence: float
    covered_by: list[CoveredBy]
    last_contact: str | None
    days_since_contact: int | None
    flags: list[str]
    evidence: str | None
    competitors: list[graph_repo.CompetitorTie]
    conflicts: list[tenders_repo.Conflict]


@dataclass(frozen=True)
class CoverageReport:
    """Coverage of a tender's DMU or an account's people, most influential first."""

    subject: graph_repo.TenderRef | graph_repo.AccountRef  # the tender or the organization
    as_of: str | None  # when the influence was computed (None: just now)
    unavailable: str | None  # why there is no influence, if the worker did not answer
    rows: list[Covered]
    outside: list[dict[str, Any]]  # influencers outside them (projection.Near)

    def as_json(self) -> dict[str, object]:
        return dataclasses.asdict(self)


def coverage_report(
    session: neo4j.Session,
    *,
    tender_id: str | None = None,
    account_id: str | None = None,
    stale_days: int = coverage_alg.STALE_DAYS,
    near: proj.Near | None = None,
) -> CoverageReport:
    """Each DMU (or account) member: role, stance, influence, who covers them, flags."""
    today = clock.today()
    if (tender_id is None) == (account_id is None):
        raise Invalid("give exactly one of a tender id or an account (organization) id")
    if tender_id is not None:
        found = graph_repo.tender_dmu(session, tender_id, today)
        if found is None:
            raise NotFound(N_("There is no tender %(id)s."), id=repr(tender_id))
    else:
        found = graph_repo.account_members(session, str(account_id), today)
        if found is None:
            raise NotFound(N_("There is no organization %(id)s."), id=repr(account_id))
    ids = [m.id for m in found.members]
    around = (near or proj.near_locally(session))(ids)
    scores: dict[str, float] = around["scores"]
    members = [
        coverage_alg.Member(
            m.id,
            m.name,
            m.role,
            m.stance,
            scores.get(m.id, 0.0),
            tuple(coverage_alg.Cover(c.user_id, c.user_name, c.stage) for c in m.covers),
            m.last_contact,
        )
        for m in found.members
    ]
    rows = coverage_alg.coverage(members, today=today, stale_days=stale_days)
    extra = {m.id: m for m in found.members}
    conflicts = tenders_repo.conflicts(session, [tender_id], today) if tender_id is not None else {}
    subject = found.tender if isinstance(found, graph_repo.TenderDmu) else found.account

    def covered(r: coverage_alg.CoverageRow) -> Covered:
        shown = seen(r)
        return Covered(
            id=r.member.id,
            name=r.member.name,
            role=r.member.role,
            stance=r.member.stance,
            influence=round(r.member.influence, 6),
            covered_by=shown.covered_by,
            last_contact=shown.last_contact,
            days_since_contact=shown.days_since_contact,
            flags=shown.flags,
            evidence=extra[r.member.id].evidence,
            competitors=extra[r.member.id].competitors,
            conflicts=conflicts.get((str(tender_id), r.member.id), []),
        )

    return CoverageReport(
        subject=subject,
        as_of=around["as_of"],
        unavailable=around.get("unavailable"),
        rows=[covered(r) for r in rows],
        outside=around.get("outside") or [],
    )
