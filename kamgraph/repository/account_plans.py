"""Account plans and our sales: the plan of an account, its sales rows, the year's accounts."""

from __future__ import annotations

from dataclasses import dataclass

import neo4j

from kamgraph.cypher import q
from kamgraph.models import OPEN_TENDER_STATUSES, SALES_CURRENCY, AccountPlan
from kamgraph.repository import records
from kamgraph.repository._props import plain
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import read_rows
from kamgraph.repository.graph import Account


@dataclass(frozen=True)
class SaleRow(Row):
    """One year's sales of one product (or of unspecified products) to an account."""

    year: int
    product_id: str | None
    product: str | None
    amount: float
    currency: str


@dataclass(frozen=True)
class PlanRef(Row):
    """An account's plan, by id, with its owner's name."""

    plan_id: str
    owner_name: str | None


@dataclass(frozen=True)
class PlanSummary(Row):
    """What the accounts list says of a plan: its owner and how many objectives it has."""

    account_id: str
    plan_id: str
    owner_name: str | None
    objectives: int


def rules_year(session: neo4j.Session, before: int) -> int | None:
    """The latest year before `before` with sales recorded, or None."""
    rows = read_rows(session, q("sales/rules_year"), before=before)
    return int(rows[0]["year"]) if rows else None


def accounts_in_year(session: neo4j.Session, year: int) -> list[Account]:
    """Each organization's sales in `year` (EUR, the rules' currency), largest first."""
    rows = read_rows(session, q("sales/accounts_in_year"), year=year, currency=SALES_CURRENCY)
    return Account.from_maps(rows)


def key_accounts(session: neo4j.Session) -> list[Account]:
    """Every key account, each with sales 0 (the caller adds those that sold)."""
    return Account.from_maps(read_rows(session, q("sales/key_accounts")))


def sales_of(session: neo4j.Session, org_id: str) -> list[SaleRow]:
    """An account's sales rows, latest year first."""
    rows = read_rows(session, q("sales/of_account"), id=org_id, currency=SALES_CURRENCY)
    return SaleRow.from_maps(rows)


def plan_ref(session: neo4j.Session, org_id: str) -> PlanRef | None:
    """The id of an account's plan and its owner's name, or None."""
    rows = read_rows(session, q("account_plan/of_account"), id=org_id)
    return PlanRef.from_map(rows[0]) if rows else None


def plan_of(session: neo4j.Session, org_id: str) -> AccountPlan | None:
    """An account's plan, or None."""
    found = plan_ref(session, org_id)
    return None if found is None else records.get(session, AccountPlan, found.plan_id)


def plans_of(session: neo4j.Session, org_ids: list[str]) -> dict[str, PlanSummary]:
    """The plans of these accounts (the first by id of each), by account id."""
    rows = PlanSummary.from_maps(read_rows(session, q("account_plan/of_accounts"), ids=org_ids))
    found: dict[str, PlanSummary] = {}
    for row in rows:
        found.setdefault(row.account_id, row)
    return found


def open_tenders(session: neo4j.Session, org_id: str) -> list[str]:
    """The ids of the open tenders issued by an organization or its parts, soonest first."""
    rows = read_rows(
        session, q("account_plan/open_tenders"), id=org_id, open=list(OPEN_TENDER_STATUSES)
    )
    return [str(plain(row)["id"]) for row in rows]


def dmu_types(session: neo4j.Session, person_ids: list[str]) -> dict[str, str]:
    """What moves each of these people (their DMU type), where it is recorded."""
    rows = read_rows(session, q("account_plan/dmu_types"), ids=person_ids)
    return {str(r["id"]): str(r["dmu_type"]) for r in rows if r["dmu_type"]}
