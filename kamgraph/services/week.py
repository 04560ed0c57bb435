"""My week, the home page of a signed-in KAM, in one call (views/home.py renders it)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import neo4j

from kamgraph.repository import deputies as deputies_repo
from kamgraph.repository import person_plans as plans_repo
from kamgraph.repository import week as week_repo
from kamgraph.repository.deputies import Deputyship
from kamgraph.repository.person_plans import DueStep as PersonPlanStep
from kamgraph.repository.proposals import DueStep as ProposalStep
from kamgraph.repository.week import Birthday, FollowUp, MyTender, Proposal
from kamgraph.services import changes, proposals
from kamgraph.services import scope as scopes

MILESTONE_DAYS = 90
STEP_OVERDUE_DAYS = 14


@dataclass(frozen=True)
class TenderMilestone:
    """A date of one of my tenders, official or a step of our preparation plan."""

    tender_id: str
    title: str
    status: str | None
    buyer: str | None
    what: str
    on: date
    official: bool
    done: bool
    owner: str | None


@dataclass(frozen=True)
class DueStep:
    """A plan step of one of my tenders that is due (or overdue) and not done."""

    tender_id: str
    title: str
    key: str
    what: str
    on: date
    overdue: bool
    owner: str | None


@dataclass(frozen=True)
class Covering:
    """The follow-ups of a colleague I stand in for while she is away (a deputyship)."""

    deputyship: Deputyship
    follow_ups: list[FollowUp]
    person_plan_steps: list[PersonPlanStep]
    proposal_steps: list[ProposalStep]


@dataclass(frozen=True)
class WeekPage:
    """What a KAM should see on Monday morning."""

    today: date
    follow_ups: list[FollowUp]  # one line per meeting, its preparation under it
    birthdays: list[Birthday]
    milestones: list[TenderMilestone]
    unconfirmed_proposals: list[Proposal]
    plan_steps: list[DueStep]
    person_plan_steps: list[PersonPlanStep]  # my relationship plans' steps
    proposal_steps: list[ProposalStep]  # my proposals' follow-up (week_proposals.html)
    watched: list[changes.Item] = field(default_factory=list[changes.Item])  # last 7 days
    covering: list[Covering] = field(default_factory=list[Covering])  # week_covering.html


def week_page(
    session: neo4j.Session, user_id: str, today: date, scope: scopes.Scope | None = None
) -> WeekPage:
    """My week for `user_id`, as of `today`; with the reader's `scope`, the changes to what
    she watches (those she may still read)."""
    found = week_repo.my_week(session, user_id, today)
    return WeekPage(
        today=today,
        follow_ups=merged_follow_ups(found.follow_ups),
        birthdays=found.birthdays,
        milestones=_milestones(found.tenders, today, today + timedelta(days=MILESTONE_DAYS)),
        unconfirmed_proposals=found.unconfirmed_proposals,
        plan_steps=_due_steps(
            found.tenders, user_id, today, today + timedelta(days=week_repo.FOLLOW_UP_DAYS)
        ),
        person_plan_steps=plans_repo.due_steps(
            session,
            user_id,
            since=today - timedelta(days=STEP_OVERDUE_DAYS),
            until=today + timedelta(days=week_repo.FOLLOW_UP_DAYS),
        ),
        proposal_steps=proposals.week_steps(session, user_id, today),
        watched=[] if scope is None else changes.watched(session, scope, today),
        covering=covering(session, user_id, today),
    )


def covering(session: neo4j.Session, user_id: str, today: date) -> list[Covering]:
    """For each colleague `user_id` stands in for today, her open follow-ups, relationship
    plan steps and proposal steps, as her own week shows them."""
    return [
        Covering(
            deputyship=d,
            follow_ups=merged_follow_ups(week_repo.follow_ups(session, d.user_id, today)),
            person_plan_steps=plans_repo.due_steps(
                session,
                d.user_id,
                since=today - timedelta(days=STEP_OVERDUE_DAYS),
                until=today + timedelta(days=week_repo.FOLLOW_UP_DAYS),
            ),
            proposal_steps=proposals.week_steps(session, d.user_id, today),
        )
        for d in _latest_per_colleague(deputies_repo.of_user(session, user_id, today), user_id)
    ]


def _latest_per_colleague(found: list[Deputyship], user_id: str) -> list[Deputyship]:
    """The running deputyships in which `user_id` stands in, one per absent colleague (the
    one that lasts longest, if she was named twice)."""
    latest: dict[str, Deputyship] = {}
    for d in found:
        if (
            d.active
            and d.deputy_id == user_id
            and (d.user_id not in latest or d.ends_on > latest[d.user_id].ends_on)
        ):
            latest[d.user_id] = d
    return sorted(latest.values(), key=lambda d: d.user)


def _milestones(tenders: list[MyTender], today: date, until: date) -> list[TenderMilestone]:
    """The dates and preparation-plan steps of my tenders from `today` to `until`."""
    found = [
        TenderMilestone(
            t.tender_id, t.title, t.status, t.buyer, m.what, m.on, m.official, m.done, m.owner
        )
        for t in tenders
        for m in t.timeline()
        if today <= m.on <= until
    ]
    return sorted(found, key=lambda m: (m.on, not m.official, m.tender_id))


def _due_steps(tenders: list[MyTender], user_id: str, today: date, until: date) -> list[DueStep]:
    """My tenders' plan steps due by `until` and not done, that are mine or nobody's yet;
    overdue ones for STEP_OVERDUE_DAYS (an older one is the tender page's to show)."""
    found = [
        DueStep(t.tender_id, t.title, m.key, m.what, m.on, m.on < today, m.owner)
        for t in tenders
        for m in t.timeline()
        if m.key
        and not m.done
        and m.owner_id in (None, user_id)
        and today - timedelta(days=STEP_OVERDUE_DAYS) <= m.on <= until
    ]
    return sorted(found, key=lambda m: (m.on, m.tender_id))


def merged_follow_ups(items: list[FollowUp]) -> list[FollowUp]:
    """One line per meeting: an open next step due on the day of a meeting I booked with
    the same people is that meeting's preparation, listed under it (``steps``), not again.

    >>> from kamgraph.repository.dossier import PersonRef
    >>> def item(id, meeting, people):
    ...     on = date(2026, 3, 2)
    ...     who = [PersonRef(p, p) for p in people]
    ...     return FollowUp(id, "meeting", on, on, None, None, None, on, False, meeting, False, who)
    >>> meeting, step = item("m", True, ["a", "b"]), item("s", False, ["a"])
    >>> [(i.id, [s.id for s in i.steps]) for i in merged_follow_ups([step, meeting])]
    [('m', ['s'])]
    """
    meetings = [i for i in items if i.meeting]
    steps: dict[str, list[FollowUp]] = {m.id: [] for m in meetings}
    kept: list[FollowUp] = []
    for item in items:
        if not item.meeting:
            people = {p.id for p in item.people}
            host = next(
                (m for m in meetings if m.on == item.on and people <= {p.id for p in m.people}),
                None,
            )
            if host is not None:
                steps[host.id].append(item)
                continue
        kept.append(item)
    return [replace(i, steps=steps[i.id]) if i.meeting else i for i in kept]
