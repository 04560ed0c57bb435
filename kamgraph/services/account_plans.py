"""Account plans: the plan page of a key account (objectives, share of wallet, sales per
year and product, its open tenders' DMU, the key-account rules), the accounts list, and
the plan's edit form (a lead sets owner and objectives; a KAM the share-of-wallet figures)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

import neo4j

from kamgraph import clock
from kamgraph.analytics.concentration import AccountShare
from kamgraph.errors import Forbidden, Invalid
from kamgraph.i18n import N_, Message, Money, Percent
from kamgraph.models import LEAD_ROLES, SALES_CURRENCY, AccountPlan, Organization
from kamgraph.repository import account_plans as plans_repo
from kamgraph.repository import graph as graph_repo
from kamgraph.repository import records
from kamgraph.repository.account_plans import PlanSummary, SaleRow
from kamgraph.schema import ACCOUNT_PLANS
from kamgraph.services import editing, references
from kamgraph.services import scope as scopes
from kamgraph.services.concentration import (
    ConcentrationReport,
    account_finding,
    concentration_report,
    findings,
)

LEAD_FIELDS: Final = ("owner_id", "objectives")  # a lead sets these; a KAM may not
KAM_FIELDS: Final = ("category", "wallet_year", "wallet")  # the share-of-wallet figures

ACCOUNT_PLAN = editing.Editable(
    "organization",  # a plan is read and changed with its account
    ACCOUNT_PLANS,
    (*LEAD_FIELDS, *KAM_FIELDS),
    lambda session, plan_id: records.get(session, AccountPlan, plan_id),
    lambda session, plan, version, only, _extra: records.update(
        session, plan, expected_version=version, only=only
    ),
)


@dataclass(frozen=True)
class YearSales:
    """One year's sales to the account: in all (EUR), and per product; `complete` unless
    it is this year (so far)."""

    year: int
    total: float
    products: list[SaleRow]
    complete: bool = True

    @property
    def in_all(self) -> Money:
        """The year's total, as a page says money."""
        return Money(Decimal(str(self.total)), SALES_CURRENCY)

    @property
    def by_product(self) -> tuple[Message, ...]:
        """Each product's sales, as "Tastrova €5,390,000"."""
        return tuple(
            Message(
                N_("%(product)s %(amount)s"),
                product=r.product or Message(N_("several products")),
                amount=Money(Decimal(str(r.amount)), r.currency),
            )
            for r in self.products
        )


@dataclass(frozen=True)
class Wallet:
    """Share of wallet: our sales in `year` over the account's purchases in the category."""

    year: int
    ours: float
    purchases: float
    share: float
    category: str | None = None

    @property
    def said(self) -> Message:
        """The share of wallet in words, with its figures."""
        figures = {
            "year": self.year,
            "ours": Money(Decimal(str(self.ours)), SALES_CURRENCY),
            "purchases": Money(Decimal(str(self.purchases)), SALES_CURRENCY),
            "share": Percent(self.share),
        }
        if not self.category:
            return Message(
                N_(
                    "In %(year)s we sold %(ours)s of its %(purchases)s purchases: %(share)s of "
                    "its wallet."
                ),
                **figures,
            )
        return Message(
            N_(
                "In %(year)s we sold %(ours)s of its %(purchases)s purchases in "
                "%(category)s: %(share)s of its wallet."
            ),
            category=self.category,
            **figures,
        )


@dataclass(frozen=True)
class AccountPage:
    """Everything the account plan page shows, for one reader."""

    org: Organization
    plan: AccountPlan | None
    owner_name: str | None
    sales: list[YearSales]  # latest year first (EUR rows; others in `other_currency`)
    other_currency: list[SaleRow]
    wallet: Wallet | None
    tenders: list[graph_repo.TenderDmu]  # open tenders issued by it or its parts, and DMUs
    dmu_types: dict[str, str]  # what moves each DMU member, where recorded
    report: ConcentrationReport | None  # None: no sales recorded anywhere
    share: AccountShare | None  # this account in the rules' year
    verdict: Message | None  # the 10% rule on this account
    findings: list[Message]  # the rules on the whole of our sales
    may_lead: bool  # the reader may start the plan and set its owner and objectives


def account_page(session: neo4j.Session, scope: scopes.Scope, org_id: str) -> AccountPage | None:
    """The account plan page; None if there is no such organization or `scope` does not
    reach it (a 404 either way)."""
    if not scopes.readable(session, scope, "organization", [org_id]):
        return None
    org = records.get(session, Organization, org_id)
    if org is None:
        return None
    ref = plans_repo.plan_ref(session, org_id)
    plan = None if ref is None else records.get(session, AccountPlan, ref.plan_id)
    rows = plans_repo.sales_of(session, org_id)
    sales = _by_year([r for r in rows if r.currency == SALES_CURRENCY])
    try:
        report = concentration_report(session)
    except Invalid:
        report = None
    share = None if report is None else report.account(org_id)
    tenders: list[graph_repo.TenderDmu] = []
    for tender_id in plans_repo.open_tenders(session, org_id):
        found = graph_repo.tender_dmu(session, tender_id, clock.today())
        if found is not None:
            members = scopes.readable_rows(session, scope, found.members)
            tenders.append(dataclasses.replace(found, members=members))
    return AccountPage(
        org=org,
        plan=plan,
        owner_name=None if ref is None else ref.owner_name,
        sales=sales,
        other_currency=[r for r in rows if r.currency != SALES_CURRENCY],
        wallet=None if plan is None else _wallet(plan, sales),
        tenders=tenders,
        dmu_types=plans_repo.dmu_types(session, [m.id for t in tenders for m in t.members]),
        report=report,
        share=share,
        verdict=None if share is None else account_finding(share),
        findings=[] if report is None else findings(report, _named(session, scope, report)),
        may_lead=scope.user.role in LEAD_ROLES,
    )


def _named(session: neo4j.Session, scope: scopes.Scope, report: ConcentrationReport) -> set[str]:
    """The accounts the rules name that `scope` may read (the others go unnamed)."""
    rules = report.rules
    if rules is None:
        return set()
    ids = [a.id for a in (*rules.key_below_10, *rules.candidates)]
    if rules.mono_dependency is not None:
        ids.append(rules.mono_dependency.id)
    return scopes.readable(session, scope, "organization", ids)


def _by_year(rows: list[SaleRow]) -> list[YearSales]:
    years: dict[int, list[SaleRow]] = {}
    for row in rows:
        years.setdefault(row.year, []).append(row)
    this_year = clock.today().year
    return [
        YearSales(year, sum(r.amount for r in found), found, year < this_year)
        for year, found in sorted(years.items(), reverse=True)
    ]


def _wallet(plan: AccountPlan, sales: list[YearSales]) -> Wallet | None:
    if plan.wallet_year is None or not plan.wallet:
        return None
    ours = next((y.total for y in sales if y.year == plan.wallet_year), 0.0)
    share = round(ours / plan.wallet, 6)
    return Wallet(plan.wallet_year, ours, plan.wallet, share, plan.category)


@dataclass(frozen=True)
class AccountLine:
    """One account on the accounts list: its share and what the 10% rule says, its plan."""

    share: AccountShare
    verdict: Message
    plan: PlanSummary | None

    @property
    def sales(self) -> Money:
        """Its sales in the rules' year, as a page says money."""
        return Money(Decimal(str(self.share.sales)), SALES_CURRENCY)


@dataclass(frozen=True)
class AccountsPage:
    """The key-account rules on our sales, and the accounts the reader may read."""

    report: ConcentrationReport | None  # None: no sales recorded at all
    findings: list[Message]
    accounts: list[AccountLine]

    @property
    def total(self) -> Money | None:
        """Our sales in the rules' year, as a page says money."""
        if self.report is None:
            return None
        return Money(Decimal(str(self.report.total_sales)), SALES_CURRENCY)


def accounts_page(session: neo4j.Session, scope: scopes.Scope) -> AccountsPage:
    """The accounts list: the rules on the whole of our sales, and each account of the
    reader's scope with its share and plan."""
    try:
        report = concentration_report(session)
    except Invalid:
        return AccountsPage(None, [], [])
    shown = scopes.readable_rows(session, scope, report.rows, kind="organization")
    plans = plans_repo.plans_of(session, [a.id for a in shown])
    return AccountsPage(
        report=report,
        findings=findings(report, _named(session, scope, report)),
        accounts=[AccountLine(a, account_finding(a), plans.get(a.id)) for a in shown],
    )


# --- starting and editing a plan ---


def start_plan(session: neo4j.Session, org_id: str) -> AccountPlan:
    """Create the account's plan (id "ap-<account id>") if it has none; return its plan."""
    found = plans_repo.plan_of(session, org_id)
    if found is not None:
        return found
    if records.get(session, Organization, org_id) is None:
        raise Invalid(N_("unknown organization id %(value)s"), value=repr(org_id))
    return records.create(session, AccountPlan(id=f"ap-{org_id}", account_id=org_id))


@dataclass(frozen=True)
class PlanForm:
    """The plan's edit form: its plan, the fields the reader may edit, their text and help."""

    org: Organization
    plan: AccountPlan
    names: tuple[str, ...]
    text: dict[str, str]
    help: dict[str, str]


def plan_form(session: neo4j.Session, scope: scopes.Scope, org_id: str) -> PlanForm | None:
    """The edit form of the account's plan; None if there is none or `scope` may not read
    the account."""
    if not scopes.readable(session, scope, "organization", [org_id]):
        return None
    org = records.get(session, Organization, org_id)
    ref = plans_repo.plan_ref(session, org_id)
    plan = None if ref is None else records.get(session, AccountPlan, ref.plan_id)
    if org is None or ref is None or plan is None:
        return None
    names = ACCOUNT_PLAN.fields if scope.user.role in LEAD_ROLES else KAM_FIELDS
    text = editing.form_text(plan, names)
    if "owner_id" in text:
        text["owner_id"] = ref.owner_name or ""
    if "objectives" in text:
        text["objectives"] = "\n".join(plan.objectives)
    return PlanForm(org, plan, names, text, {n: ACCOUNT_PLAN.column(n).help for n in names})


@dataclass(frozen=True)
class PostedPlan:
    """A posted plan form: the form shown again, the text typed, the values or problems."""

    form: PlanForm
    text: dict[str, str]
    edit: editing.Edit


def posted_plan(
    session: neo4j.Session, scope: scopes.Scope, org_id: str, posted: Mapping[str, str]
) -> PostedPlan | None:
    """Read a posted plan form. A KAM who sends the owner or the objectives is refused
    (Forbidden): they are a lead's to set. None as :func:`plan_form`."""
    form = plan_form(session, scope, org_id)
    if form is None:
        return None
    refused = [n for n in LEAD_FIELDS if n in posted and n not in form.names]
    if refused:
        raise Forbidden(N_("Only a team lead may set an account plan's owner and objectives."))
    text = {n: posted.get(n, "") for n in form.names}
    typed = dict(text)
    problems: dict[str, Any] = {}
    if "objectives" in typed:
        typed["objectives"] = "; ".join(
            line for line in re.split(r"[\n;]", typed["objectives"]) if line.strip()
        )
    if typed.get("owner_id", "").strip():
        try:
            typed["owner_id"] = references.resolve(session, scope, "user", typed["owner_id"])
        except Invalid as error:
            problems["owner_id"] = error.said
    edit = editing.read_form(session, ACCOUNT_PLAN, typed, form.names, form.plan.id)
    errors = {**edit.errors, **problems}
    return PostedPlan(form, text, editing.Edit(edit.values, errors))
