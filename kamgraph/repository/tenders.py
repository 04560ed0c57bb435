"""A tender's page: the record with buyer, lots and products, its timeline, its DMU map."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import neo4j

from kamgraph.cypher import q
from kamgraph.models import Tender
from kamgraph.repository import records
from kamgraph.repository._props import plain
from kamgraph.repository._tx import read_rows

# The preparation plan, in days before submission: start about 9 months ahead.
PREPARATION_PLAN: tuple[tuple[int, str], ...] = (
    (270, "Map the DMU; agree account strategy and owners"),
    (210, "First round of visits to every DMU member; find the specifiers"),
    (150, "Clinical evidence and references to the specifiers and evaluators"),
    (90, "Economic case (budget impact) with budget holders and pharmacy"),
    (60, "Work on the specification: criteria and lot structure"),
    (30, "Check every blocker and sceptic has been met; line up references"),
    (7, "Final documents; confirm the bid"),
)


@dataclass(frozen=True)
class Milestone:
    """A date in a tender's life: an official one, or a step of our preparation plan."""

    on: date
    what: str
    official: bool


@dataclass(frozen=True)
class TenderPage:
    """What the tender page shows, apart from the analyses."""

    tender: Tender
    buyer: dict[str, Any] | None
    lots: list[dict[str, Any]]
    products: list[dict[str, Any]]

    @property
    def competitor_products(self) -> list[dict[str, Any]]:
        """Products in the tender made by competitors."""
        return [p for p in self.products if p["maker_kind"] == "competitor"]

    def timeline(self) -> list[Milestone]:
        """Official dates and, if a submission deadline is set, the preparation plan."""
        t = self.tender
        return timeline(t.announced_on, t.clarification_deadline, t.submission_deadline,
                        t.award_date, t.contract_start)  # fmt: skip


def timeline(
    announced_on: date | None,
    clarification_deadline: date | None,
    submission_deadline: date | None,
    award_date: date | None,
    contract_start: date | None,
) -> list[Milestone]:
    """A tender's official dates and, if its submission deadline is set, the steps of our
    preparation plan before it, soonest first."""
    official = [
        (announced_on, "Announcement"), (clarification_deadline, "Clarification deadline"),
        (submission_deadline, "Submission deadline"), (award_date, "Award"),
        (contract_start, "Contract start"),
    ]  # fmt: skip
    found = [Milestone(on, what, True) for on, what in official if on is not None]
    if submission_deadline is not None:
        found += [
            Milestone(submission_deadline - timedelta(days=days), step, False)
            for days, step in PREPARATION_PLAN
        ]
    return sorted(found, key=lambda m: (m.on, not m.official))


def page(session: neo4j.Session, tender_id: str) -> TenderPage | None:
    """The tender page's data, or None."""
    tender = records.get(session, Tender, tender_id)
    if tender is None:
        return None
    rows = read_rows(session, q("tender/page"), id=tender_id)
    row = plain(rows[0])
    return TenderPage(tender, row["buyer"], row["lots"], row["products"])


def dmu_map(
    session: neo4j.Session, tender_id: str, outside: Sequence[str] = ()
) -> dict[str, Any] | None:
    """DMU members, the `outside` influencers, and the ties among them, for the graph view;
    None if no such tender."""
    rows = read_rows(session, q("tender/dmu_map"), id=tender_id, outside=list(outside))
    if not rows:
        return None
    row = plain(rows[0])
    return {"nodes": [n for n in row["nodes"] if n["id"] is not None], "edges": row["edges"]}
