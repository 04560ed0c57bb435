"""Coverage: for each DMU or account member, who on our team covers them, how, and how recently."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from kamgraph.models import COVERAGE_FLAGS, COVERAGE_STAGES

__all__ = ["Cover", "CoverageRow", "Member", "coverage"]

# Days without contact before a person is stale when nothing else says: the default
# contact boundary (models.CONTACT_EVERY_DEFAULT); each person has their own (Member.every).
STALE_DAYS = 90
# Below this rung a relationship does not count as coverage (DESIGN: acquaintance or above).
COVERED_FROM = COVERAGE_STAGES.index("acquaintance")


@dataclass(frozen=True)
class Cover:
    """One team member's relationship with a person."""

    user_id: str
    user_name: str
    stage: str


@dataclass(frozen=True)
class Member:
    """What the coverage report needs to know about one person."""

    id: str
    name: str
    role: str | None
    stance: str | None
    influence: float
    covers: tuple[Cover, ...]
    last_contact: date | None
    every: int | None = None  # their contact boundary in days (None: STALE_DAYS)


@dataclass(frozen=True)
class CoverageRow:
    """One line of the report, with its flags."""

    member: Member
    flags: tuple[str, ...]  # any of "uncovered", "stale", "single-threaded"
    days_since_contact: int | None
    every: int = STALE_DAYS  # the boundary the stale flag was judged by


def coverage(
    members: Sequence[Member],
    *,
    today: date,
    stale_days: int | None = None,
    critical: Callable[[Member], bool] | None = None,
    stale_when_uncovered: bool = True,
) -> list[CoverageRow]:
    """Flag each member, most influential first.

    - *uncovered*: nobody on the team is at acquaintance or above with them;
    - *stale*: no interaction within the member's contact boundary (`Member.every`, or
      `stale_days` for everyone when given: an override), or never; with
      `stale_when_uncovered` false, only for people someone covers (for the others,
      "uncovered" says it already);
    - *single-threaded*: exactly one team member has any relationship with them, for the
      people `critical` holds (all of them by default: a DMU's members all count).

    Examples
    --------
    >>> m = Member("p", "Ada", "decision_maker", "champion", 0.1,
    ...            (Cover("u1", "Kira", "contact"),), date(2026, 1, 1))
    >>> coverage([m], today=date(2026, 6, 1))[0].flags
    ('uncovered', 'stale', 'single-threaded')

    A boundary is the person's own: 40 days without contact is stale at 30, not at 60.

    >>> seen = (Cover("u1", "Kira", "loyalty"), Cover("u2", "Timo", "contact"))
    >>> at = [Member("p", "Ada", None, None, 0.1, seen, date(2026, 1, 1), every)
    ...       for every in (30, 60)]
    >>> [r.flags for r in coverage(at, today=date(2026, 2, 10))]
    [('stale',), ()]
    """
    rows: list[CoverageRow] = []
    for member in sorted(members, key=lambda m: (-m.influence, m.name)):
        flags: list[str] = []
        rungs = [
            COVERAGE_STAGES.index(c.stage) for c in member.covers if c.stage in COVERAGE_STAGES
        ]
        if not rungs or max(rungs) < COVERED_FROM:
            flags.append(COVERAGE_FLAGS[0])
        days = None if member.last_contact is None else (today - member.last_contact).days
        every = stale_days if stale_days is not None else (member.every or STALE_DAYS)
        if (days is None or days > every) and (stale_when_uncovered or not flags):
            flags.append(COVERAGE_FLAGS[1])
        if len({c.user_id for c in member.covers}) == 1 and (critical is None or critical(member)):
            flags.append(COVERAGE_FLAGS[2])
        rows.append(CoverageRow(member, tuple(flags), days, every))
    return rows
