"""Our preparation plan for a tender, and a tender's timeline: its official dates and the
plan's steps counted back from the submission deadline.

The field guides plan a tender about nine months ahead. The dates are computed, never
stored; what is stored per step (done, owner) lives in the graph (repository.tenders).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from kamgraph.i18n import N_

# The preparation plan, in days before submission: start about 9 months ahead. Each step
# has a key (its state is stored under it) and says whether it must be done before the
# tender is announced: the specification is published with the announcement, so shaping
# it, and everything that leads up to it, comes first.
PREPARATION_PLAN: tuple[tuple[str, int, str, bool], ...] = (
    ("map", 270, N_("Map the DMU; agree account strategy and owners"), True),
    ("visits", 210, N_("First round of visits to every DMU member; find the specifiers"), True),
    (
        "evidence",
        150,
        N_("Clinical evidence and references to the specifiers and evaluators"),
        True,
    ),
    ("economics", 90, N_("Economic case (budget impact) with budget holders and pharmacy"), True),
    ("specification", 60, N_("Work on the specification: criteria and lot structure"), True),
    ("blockers", 30, N_("Check every blocker and sceptic has been met; line up references"), False),
    ("final", 7, N_("Final documents; confirm the bid"), False),
)
PLAN_KEYS = tuple(key for key, _, _, _ in PREPARATION_PLAN)
SPACING = timedelta(days=7)  # between steps moved ahead of the announcement


@dataclass(frozen=True)
class Milestone:
    """A date in a tender's life: an official one, or a step of our preparation plan
    (``key`` set, with its owner and done state when someone has set them)."""

    on: date
    what: str
    official: bool
    key: str | None = None
    done: bool = False
    owner_id: str | None = None
    owner: str | None = None


class StepState(Protocol):
    """What is stored of a plan step (the repository's rows have these fields)."""

    @property
    def done(self) -> bool: ...
    @property
    def owner_id(self) -> str | None: ...
    @property
    def owner(self) -> str | None: ...


def timeline(
    announced_on: date | None,
    clarification_deadline: date | None,
    submission_deadline: date | None,
    award_date: date | None,
    contract_start: date | None,
    steps: Mapping[str, StepState] | None = None,
) -> list[Milestone]:
    """A tender's official dates and, if its submission deadline is set, the steps of our
    preparation plan before it (with their stored state, `steps` by key), soonest first.

    A step that must precede the announcement but would fall on or after it is moved a
    week before it (and the steps before it a week apart), never after.
    """
    official = [
        (announced_on, N_("Announcement")),
        (clarification_deadline, N_("Clarification deadline")),
        (submission_deadline, N_("Submission deadline")),
        (award_date, N_("Award")),
        (contract_start, N_("Contract start")),
    ]
    found = [Milestone(on, what, True) for on, what in official if on is not None]
    if submission_deadline is not None:
        state = steps or {}
        latest = announced_on - SPACING if announced_on is not None else None
        for key, days, what, before_announcement in reversed(PREPARATION_PLAN):
            on = submission_deadline - timedelta(days=days)
            if before_announcement and latest is not None:
                on = min(on, latest)
                latest = on - SPACING
            held = state.get(key)
            if held is None:
                found.append(Milestone(on, what, False, key))
            else:
                found.append(Milestone(on, what, False, key, held.done, held.owner_id, held.owner))
    return sorted(found, key=lambda m: (m.on, not m.official))
