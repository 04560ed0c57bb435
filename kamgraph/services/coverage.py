"""Coverage of a tender's DMU or an account's people: who on our team covers each, how
recently, and the gaps; and the fields every coverage table shows of a row."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import neo4j

from kamgraph import clock
from kamgraph.analytics import coverage as coverage_alg
from kamgraph.analytics.completeness import Completeness, completeness, overall
from kamgraph.errors import Invalid, NotFound
from kamgraph.i18n import N_
from kamgraph.models import SEGMENTS, contact_boundary
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
    the days since, the contact boundary it was judged by, and the flags."""

    covered_by: list[CoveredBy]
    last_contact: str | None  # ISO date
    days_since_contact: int | None
    every: int  # contact at least every this many days (their boundary, or the override)
    flags: list[str]


def seen(r: coverage_alg.CoverageRow) -> Seen:
    """The shared fields of a coverage row."""
    return Seen(
        covered_by=[CoveredBy(c.user_id, c.user_name, c.stage) for c in r.member.covers],
        last_contact=r.member.last_contact.isoformat() if r.member.last_contact else None,
        days_since_contact=r.days_since_contact,
        every=r.every,
        flags=list(r.flags),
    )


def boundary(segments: list[str] | None, kol_tier: str | None, every: int | None) -> int:
    """A person's contact boundary in days from what the repository read of them."""
    return contact_boundary(tuple(segments or ()), kol_tier, every)


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
    every: int  # contact boundary in days
    flags: list[str]
    evidence: str | None
    competitors: list[graph_repo.CompetitorTie]
    conflicts: list[tenders_repo.Conflict]
    segments: list[str]
    kol_tier: str | None
    completeness: Completeness  # of their dossier's standard fields


@dataclass(frozen=True)
class CoverageReport:
    """Coverage of a tender's DMU or an account's people, most influential first."""

    subject: graph_repo.TenderRef | graph_repo.AccountRef  # the tender or the organization
    as_of: str | None  # when the influence was computed (None: just now)
    unavailable: str | None  # why there is no influence, if the worker did not answer
    rows: list[Covered]
    outside: list[dict[str, Any]]  # influencers outside them (projection.Near)
    completeness: Completeness  # of all the members' dossiers together

    def as_json(self) -> dict[str, object]:
        return dataclasses.asdict(self)


def coverage_report(
    session: neo4j.Session,
    *,
    tender_id: str | None = None,
    account_id: str | None = None,
    stale_days: int | None = None,
    near: proj.Near | None = None,
    segment: str | None = None,
) -> CoverageReport:
    """Each DMU (or account) member: role, stance, influence, who covers them, flags, and
    how complete their dossier is.

    A member is stale past their own contact boundary (`models.contact_boundary`; in a
    tender's DMU, a member counts as a dmu_member whatever their segments say), or past
    `stale_days` for everyone when it is given. With a `segment`, only the members of that
    stakeholder segment (in a tender's DMU, "dmu_member" keeps them all).
    """
    today = clock.today()
    if segment is not None and segment not in SEGMENTS:
        raise Invalid(
            N_("unknown segment %(segment)s: use one of %(choices)s"),
            segment=repr(segment),
            choices=", ".join(SEGMENTS),
        )
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
            boundary(
                [*(m.segments or ()), *(["dmu_member"] if tender_id is not None else [])],
                m.kol_tier,
                m.every,
            ),
        )
        for m in found.members
    ]
    rows = coverage_alg.coverage(members, today=today, stale_days=stale_days)
    extra = {m.id: m for m in found.members}
    conflicts = tenders_repo.conflicts(session, [tender_id], today) if tender_id is not None else {}
    subject = found.tender if isinstance(found, graph_repo.TenderDmu) else found.account

    def covered(r: coverage_alg.CoverageRow) -> Covered:
        shown, member = seen(r), extra[r.member.id]
        return Covered(
            id=r.member.id,
            name=r.member.name,
            role=r.member.role,
            stance=r.member.stance,
            influence=round(r.member.influence, 6),
            covered_by=shown.covered_by,
            last_contact=shown.last_contact,
            days_since_contact=shown.days_since_contact,
            every=shown.every,
            flags=shown.flags,
            evidence=member.evidence,
            competitors=member.competitors,
            conflicts=conflicts.get((str(tender_id), r.member.id), []),
            segments=list(member.segments or ()),
            kol_tier=member.kol_tier,
            completeness=completeness(dataclasses.asdict(member.known)),
        )

    shown = [covered(r) for r in rows]
    if segment is not None:
        shown = [
            r
            for r in shown
            if segment in r.segments or (segment == "dmu_member" and tender_id is not None)
        ]
    return CoverageReport(
        subject=subject,
        as_of=around["as_of"],
        unavailable=around.get("unavailable"),
        rows=shown,
        outside=around.get("outside") or [],
        completeness=overall(r.completeness for r in shown),
    )
