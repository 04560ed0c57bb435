"""A tender's page: the record with buyer, lots and products, its timeline, its DMU map."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import neo4j

from kamgraph import clock, plan, transfer_rules
from kamgraph.cypher import q
from kamgraph.i18n import Money
from kamgraph.models import Tender
from kamgraph.repository import records
from kamgraph.repository._props import plain
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import read_rows, write


@dataclass(frozen=True)
class Buyer(Row):
    """The organization that issued the tender."""

    id: str
    name: str


@dataclass(frozen=True)
class Lot(Row):
    """A lot of the tender: the molecule, volume and value asked for."""

    id: str
    number: int | None
    inn: str | None
    volume: float | None
    unit: str | None
    value: float | None


@dataclass(frozen=True)
class Product(Row):
    """A product bid or specified in the tender (for `lot`, if said), and its maker."""

    id: str
    name: str
    inn: str | None
    lot: int | None
    maker: str | None
    maker_kind: str | None  # 'competitor' for a competitor's product


@dataclass(frozen=True)
class PlanStep(Row):
    """The stored state of one step of the preparation plan (kamgraph.plan.StepState)."""

    key: str
    done: bool
    owner_id: str | None
    owner: str | None


@dataclass(frozen=True)
class TenderPage:
    """What the tender page shows, apart from the analyses."""

    tender: Tender
    buyer: Buyer | None
    lots: list[Lot]
    products: list[Product]
    steps: dict[str, PlanStep]  # by key

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


def plan_state(session: neo4j.Session, tender_id: str) -> dict[str, PlanStep]:
    """The stored state of a tender's plan steps, by key: done, owner_id, owner."""
    steps = PlanStep.from_maps(read_rows(session, q("tender/plan_state"), id=tender_id))
    return {s.key: s for s in steps}


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
    row = read_rows(session, q("tender/page"), id=tender_id)[0]
    return TenderPage(
        tender,
        None if row["buyer"] is None else Buyer.from_map(row["buyer"]),
        Lot.from_maps(row["lots"]),
        Product.from_maps(row["products"]),
        plan_state(session, tender_id),
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


@dataclass(frozen=True)
class TieConflict(Row):
    """A DMU member's tie to a competitor whose product (`products`) is in the tender:
    `kind` 'ties' (a TIES_TO, `role_as` its kind: consultant, speaker, ...), 'worked' (a
    past job there, `role_as` its title) or 'family' (family of `relative`, who works or is
    tied there)."""

    kind: str
    role_as: str | None
    relative: str | None
    competitor: str
    products: list[str]


@dataclass(frozen=True)
class TransferConflict(Row):
    """Transfers of value we gave a DMU member in the last 12 months, in one currency:
    `count` of them, `minor` units (cents) in all, and the `total` in English ("€340")."""

    kind: str  # 'transfers'
    currency: str
    minor: int
    count: int
    total: str = ""  # set by conflicts(), from `minor`

    @property
    def money(self) -> Money:
        """The total, for a page to say in its reader's language."""
        return Money(transfer_rules.from_minor(self.minor, self.currency), self.currency)


Conflict = TieConflict | TransferConflict


def conflicts(
    session: neo4j.Session, tender_ids: Sequence[str], today: date
) -> dict[tuple[str, str], list[Conflict]]:
    """Conflicts of interest in these tenders, by (tender id, person id): the DMU member's
    ties to a competitor whose product is in the tender, and the transfers of value we gave
    them in the 12 months up to `today` (cypher/tender/conflicts.cypher)."""
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
        (str(r["tender_id"]), str(r["person_id"])): [_conflict(c) for c in r["conflicts"]]
        for r in rows
        if r["conflicts"]
    }


def _conflict(found: dict[str, Any]) -> Conflict:
    if found["kind"] != "transfers":
        return TieConflict.from_map(found)
    conflict = TransferConflict.from_map(found)
    amount = transfer_rules.from_minor(conflict.minor, conflict.currency)
    return replace(conflict, total=transfer_rules.money(amount, conflict.currency))
