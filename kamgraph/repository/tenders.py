"""A tender's page: the record with buyer, lots and products, its timeline, its DMU map."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import neo4j

from kamgraph import clock, plan, transfer_rules
from kamgraph.cypher import q
from kamgraph.models import Tender
from kamgraph.repository import records
from kamgraph.repository._props import plain
from kamgraph.repository._tx import read_rows, write


@dataclass(frozen=True)
class TenderPage:
    """What the tender page shows, apart from the analyses."""

    tender: Tender
    buyer: dict[str, Any] | None
    lots: list[dict[str, Any]]
    products: list[dict[str, Any]]
    steps: dict[str, dict[str, Any]]

    def timeline(self) -> list[plan.Milestone]:
        """Official dates and, if a submission deadline is set, the preparation plan."""
        t = self.tender
        return plan.timeline(
            t.announced_on,
            t.clarification_deadline,
            t.submission_deadline,
            t.award_date,
            t.contract_start,
            self.steps,
        )


def plan_state(session: neo4j.Session, tender_id: str) -> dict[str, dict[str, Any]]:
    """The stored state of a tender's plan steps, by key: done, owner_id, owner."""
    rows = read_rows(session, q("tender/plan_state"), id=tender_id)
    return {str(r["key"]): dict(r) for r in rows}


def set_plan_step(
    session: neo4j.Session,
    tender_id: str,
    key: str,
    *,
    done: bool | None = None,
    owner_id: str | None = None,
    by: str,
) -> bool | None:
    """Mark a plan step done or not, or give it an owner ('' for nobody); None if there is
    no such tender or step."""
    if key not in plan.PLAN_KEYS:
        return None

    def work(tx: neo4j.ManagedTransaction) -> bool | None:
        row = tx.run(
            q("tender/set_plan_step"),
            id=tender_id,
            key=key,
            done=done,
            owner_id=owner_id,
            by=by,
            at=clock.now(),
        ).single()
        return True if row is not None else None

    return write(session, work, changes_graph=False)


def page(session: neo4j.Session, tender_id: str) -> TenderPage | None:
    """The tender page's data, or None."""
    tender = records.get(session, Tender, tender_id)
    if tender is None:
        return None
    rows = read_rows(session, q("tender/page"), id=tender_id)
    row = plain(rows[0])
    return TenderPage(
        tender, row["buyer"], row["lots"], row["products"], plan_state(session, tender_id)
    )


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


def conflicts(
    session: neo4j.Session, tender_ids: Sequence[str], today: date
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Conflicts of interest in these tenders, by (tender id, person id): the DMU member's
    ties to a competitor whose product is in the tender, and the transfers of value we gave
    them in the 12 months up to `today` (cypher/tender/conflicts.cypher), each of those
    with its `total` in words ("€340")."""
    if not tender_ids:
        return {}
    rows = read_rows(
        session,
        q("tender/conflicts"),
        tender_ids=list(tender_ids),
        today=today,
        since=transfer_rules.year_before(today),
    )
    return {
        (str(r["tender_id"]), str(r["person_id"])): [_worded(dict(c)) for c in r["conflicts"]]
        for r in rows
        if r["conflicts"]
    }


def _worded(conflict: dict[str, Any]) -> dict[str, Any]:
    if conflict["kind"] != "transfers":
        return conflict
    currency = str(conflict["currency"])
    amount = transfer_rules.from_minor(int(conflict["minor"]), currency)
    return {**conflict, "total": transfer_rules.money(amount, currency)}
