"""The team lead's coverage page: key people against who covers them, and each KAM's load."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass

import neo4j

from kamgraph import clock
from kamgraph.analytics import coverage as coverage_alg
from kamgraph.analytics.completeness import Completeness, completeness
from kamgraph.repository import graph as graph_repo
from kamgraph.repository.graph import KeyJob, KeyTender
from kamgraph.services import scope as scopes
from kamgraph.services.coverage import CoveredBy, boundary, seen

TEAM_TOP = 50
# Single-threaded matters where a decision hangs on it: the 20 most influential people,
# and decision makers of open tenders. Elsewhere one good relationship is the norm.
CRITICAL_RANK = 20
SORTS = ("influence", "name", "last_contact", "flags")


@dataclass(frozen=True)
class KeyPersonRow:
    """A key person: influence rank, open tenders, job, who covers them, flags."""

    id: str
    name: str
    rank: int | None
    influence: float
    tenders: list[KeyTender]
    job: KeyJob | None
    covered_by: list[CoveredBy]
    last_contact: str | None  # ISO date
    days_since_contact: int | None
    every: int  # contact boundary in days (their own, or the lead's override)
    flags: list[str]
    segments: list[str]
    kol_tier: str | None
    completeness: Completeness  # of their dossier's standard fields


@dataclass(frozen=True)
class MemberLoad:
    """A team member: everyone they cover now, the key people among them, the flagged."""

    id: str
    name: str
    role: str | None
    covered: int
    key: int
    flagged: int


@dataclass(frozen=True)
class TeamCoverage:
    """Every key person of the reader's scope, and her team's load."""

    rows: list[KeyPersonRow]
    load: list[MemberLoad]
    stale_days: int | None  # the lead's override of everyone's boundary, if any


@dataclass(frozen=True)
class Filters:
    """What the lead asked for: the filters (None: all), the order, and the stale days
    (None: each person's own contact boundary)."""

    flag: str | None = None
    kam: str | None = None
    account: str | None = None
    tender: str | None = None
    sort: str = "influence"
    stale: int | None = None
    segment: str | None = None


@dataclass(frozen=True)
class Choices:
    """What the filters offer: (id, name) of the accounts and open tenders listed."""

    accounts: list[tuple[str, str]]
    tenders: list[tuple[str, str]]


@dataclass(frozen=True)
class CoveragePage:
    """Everything the team coverage page (and its downloads) shows."""

    report: TeamCoverage
    rows: list[KeyPersonRow]  # the report's rows the filters keep, in the order asked
    choices: Choices
    asked: Filters


def coverage_page(
    session: neo4j.Session, scope: scopes.Scope, asked: Filters, *, top: int = TEAM_TOP
) -> CoveragePage:
    """The team coverage page for `scope`'s reader, filtered and sorted as `asked`."""
    report = team_coverage_report(session, scope, top=top, stale_days=asked.stale)
    rows = chosen(
        report.rows,
        flag=asked.flag,
        kam=asked.kam,
        account=asked.account,
        tender=asked.tender,
        sort=asked.sort,
        segment=asked.segment,
    )
    return CoveragePage(report, rows, choices(report.rows), asked)


def team_coverage_report(
    session: neo4j.Session,
    scope: scopes.Scope,
    *,
    top: int = TEAM_TOP,
    stale_days: int | None = None,
) -> TeamCoverage:
    """The team lead's view: key people (top influence and open tenders' DMUs) against who
    covers them and how recently, with flags, and each team member's load.

    Flags, rare enough to act on: *uncovered* (nobody on our team above "contact");
    *stale* (covered, but no contact within the person's contact boundary, or within
    `stale_days` for everyone when given; a member of an open tender's DMU counts as a
    dmu_member); *single-threaded* (one of us only, for the 20 most influential and the
    decision makers of open tenders).

    A lead sees the key people of her team's scope, and her team's load.
    """
    today = clock.today()
    found = scopes.readable_rows(
        session, scope, graph_repo.key_people(session, top=top, today=today)
    )
    by_id = {r.id: r for r in found}

    def critical(member: coverage_alg.Member) -> bool:
        row = by_id[member.id]
        return (row.rank or CRITICAL_RANK + 1) <= CRITICAL_RANK or any(
            t.role == "decision_maker" for t in row.tenders
        )

    members = [
        coverage_alg.Member(
            r.id,
            r.name,
            None,
            None,
            r.influence or 0.0,
            tuple(coverage_alg.Cover(c.user_id, c.user_name, c.stage) for c in r.covers),
            r.last_contact,
            boundary(
                [*(r.segments or ()), *(["dmu_member"] if r.tenders else [])], r.kol_tier, r.every
            ),
        )
        for r in found
    ]
    rows = coverage_alg.coverage(
        members, today=today, stale_days=stale_days, critical=critical, stale_when_uncovered=False
    )
    key: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    for row in rows:
        for user_id in {c.user_id for c in row.member.covers}:
            key[user_id] += 1
            flagged[user_id] += bool(row.flags)
    load = [
        MemberLoad(t.id, t.name, t.role, t.covered, key[t.id], flagged[t.id])
        for t in graph_repo.team_load(session)
        if scope.everything or t.id in scope.users
    ]

    def shown(r: coverage_alg.CoverageRow) -> KeyPersonRow:
        person, fields = by_id[r.member.id], seen(r)
        return KeyPersonRow(
            id=r.member.id,
            name=r.member.name,
            rank=person.rank,
            influence=round(r.member.influence, 6),
            tenders=person.tenders,
            job=person.job,
            covered_by=fields.covered_by,
            last_contact=fields.last_contact,
            days_since_contact=fields.days_since_contact,
            every=fields.every,
            flags=fields.flags,
            segments=list(person.segments or ()),
            kol_tier=person.kol_tier,
            completeness=completeness(dataclasses.asdict(person.known)),
        )

    return TeamCoverage(
        rows=[shown(r) for r in rows],
        load=sorted(load, key=lambda e: (-e.covered, e.name)),
        stale_days=stale_days,
    )


def chosen(
    rows: list[KeyPersonRow],
    *,
    flag: str | None = None,
    kam: str | None = None,
    account: str | None = None,
    tender: str | None = None,
    sort: str = "influence",
    segment: str | None = None,
) -> list[KeyPersonRow]:
    """The report's rows that pass the lead's filters, in the order asked for.

    `kam` "none" keeps the people nobody covers; `flag` "any" keeps every flagged row;
    `segment` keeps the people of that stakeholder segment (models.SEGMENTS; "dmu_member"
    also keeps everyone with a role in an open tender).
    """
    kept = [
        r
        for r in rows
        if (not flag or (flag == "any" and r.flags) or flag in r.flags)
        and (
            not kam
            or (kam == "none" and not r.covered_by)
            or any(c.id == kam for c in r.covered_by)
        )
        and (not account or (r.job is not None and r.job.account_id == account))
        and (not tender or any(t.id == tender for t in r.tenders))
        and (
            not segment
            or segment in r.segments
            or (segment == "dmu_member" and bool(r.tenders))  # in an open tender's DMU
        )
    ]
    if sort == "name":
        return sorted(kept, key=lambda r: r.name)
    if sort == "last_contact":  # the longest without contact first; never before all
        return sorted(kept, key=lambda r: r.last_contact or "")
    if sort == "flags":
        return sorted(kept, key=lambda r: -len(r.flags))
    return kept  # by influence, as the report comes


def choices(rows: list[KeyPersonRow]) -> Choices:
    """What the filters offer: the accounts and open tenders among the key people."""
    accounts = {(r.job.account_id, r.job.account) for r in rows if r.job}
    tenders = {(t.id, t.title) for r in rows for t in r.tenders}
    return Choices(
        accounts=sorted(accounts, key=lambda a: a[1]),
        tenders=sorted(tenders, key=lambda t: t[1]),
    )
