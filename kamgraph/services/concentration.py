"""Sales concentration: each account's share of our sales, the Pareto curve, and the
key-account rules (each key account at least 10%, together 30-55%, above 75%
mono-dependency), explained."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass

import neo4j

from kamgraph import clock
from kamgraph.analytics import concentration as concentration_alg
from kamgraph.analytics.concentration import AccountShare, KeyAccountRules
from kamgraph.errors import Invalid
from kamgraph.i18n import N_, Message, Percent
from kamgraph.models import KEY_ACCOUNT_MIN_SHARE, KEY_ACCOUNTS_NORMAL, MONO_DEPENDENCY_SHARE
from kamgraph.repository import account_plans as plans_repo
from kamgraph.repository import graph as graph_repo
from kamgraph.services.projection import Named


@dataclass(frozen=True)
class ConcentrationReport:
    """The accounts' shares, largest first; how many make 80%; the one above 75%, if any;
    and the key-account rules on them, for `year` (None: the organizations' annual_sales)."""

    total_sales: float
    accounts_for_80_percent: int
    mono_dependency: Named | None
    rows: list[AccountShare]
    year: int | None = None
    basis: str = "annual_sales"  # "sales" (sales.csv rows of `year`) or "annual_sales"
    rules: KeyAccountRules | None = None

    def account(self, org_id: str) -> AccountShare | None:
        """This organization's share, if it is among the accounts."""
        return next((r for r in self.rows if r.id == org_id), None)

    def as_json(self) -> dict[str, object]:
        found = dataclasses.asdict(self)
        found["findings"] = [str(m) for m in findings(self)]
        return found


def concentration_report(session: neo4j.Session, year: int | None = None) -> ConcentrationReport:
    """Each account's share of our sales in `year`, the Pareto curve and the key-account
    rules. Without `year`, the last complete year (before clock.today()'s) with sales
    recorded; with no sales recorded at all, the organizations' annual_sales."""
    if year is None:
        year = plans_repo.rules_year(session, before=clock.today().year)
        accounts = plans_repo.accounts_in_year(session, year) if year is not None else []
    else:
        accounts = plans_repo.accounts_in_year(session, year)
        if not accounts:
            raise Invalid(N_("no sales recorded in %(year)s"), year=year)
    basis = "sales" if accounts else "annual_sales"
    if not accounts:
        year = None
        accounts = graph_repo.accounts(session)
    if not accounts:
        raise Invalid("no organization has annual_sales recorded")
    sold = {a.id for a in accounts}
    idle_keys = [a for a in plans_repo.key_accounts(session) if a.id not in sold]
    result = concentration_alg.concentration(
        [(a.id, a.name, float(a.sales)) for a in [*accounts, *idle_keys]],
        key={a.id for a in [*accounts, *idle_keys] if a.key},
    )
    mono = result.mono_dependent
    return ConcentrationReport(
        total_sales=result.total,
        accounts_for_80_percent=result.accounts_for_80_percent,
        mono_dependency=None if mono is None else Named(mono.id, mono.name),
        rows=list(result.accounts),
        year=year,
        basis=basis,
        rules=concentration_alg.key_account_rules(result.accounts),
    )


def findings(report: ConcentrationReport, named: Collection[str] | None = None) -> list[Message]:
    """The key-account rules on the whole of our sales, in words a KAM reads, with figures.

    `named`: the accounts the reader may read (None: all); the others are not named."""
    rules = report.rules
    if rules is None:
        return []
    said: list[Message] = [
        Message(N_("Figures of %(year)s, the last complete year with sales."), year=report.year)
        if report.year is not None
        else Message(N_("Figures from the organizations' annual sales (no sales rows yet)."))
    ]
    low, high = (Percent(x) for x in KEY_ACCOUNTS_NORMAL)
    share = Percent(rules.key_share)
    if rules.band == "none":
        said.append(Message(N_("No organization is marked as a key account.")))
    elif rules.band == "scattered":
        said.append(
            Message(
                N_(
                    "Key accounts together bring %(share)s of our sales: below %(low)s, so "
                    "sales are scattered and the key accounts carry too little."
                ),
                share=share,
                low=low,
            )
        )
    elif rules.band == "concentrated":
        said.append(
            Message(
                N_(
                    "Key accounts together bring %(share)s of our sales: above the normal "
                    "%(low)s to %(high)s, so our sales are concentrated on them."
                ),
                share=share,
                low=low,
                high=high,
            )
        )
    else:
        said.append(
            Message(
                N_(
                    "Key accounts together bring %(share)s of our sales: within the normal "
                    "%(low)s to %(high)s."
                ),
                share=share,
                low=low,
                high=high,
            )
        )
    limit = Percent(MONO_DEPENDENCY_SHARE)
    mono = rules.mono_dependency
    if mono is not None and named is not None and mono.id not in named:
        said.append(
            Message(
                N_(
                    "Mono-dependency: one account outside your territories alone brings "
                    "%(share)s of our sales, above %(limit)s."
                ),
                share=Percent(mono.share),
                limit=limit,
            )
        )
    elif mono is not None:
        said.append(
            Message(
                N_(
                    "Mono-dependency: %(name)s alone brings %(share)s of our sales, above "
                    "%(limit)s. Losing it would lose most of our business."
                ),
                name=mono.name,
                share=Percent(mono.share),
                limit=limit,
            )
        )
    elif rules.key_over_75:
        said.append(
            Message(
                N_(
                    "The key accounts together bring more than %(limit)s of our sales: a "
                    "dependency on a few accounts."
                ),
                limit=limit,
            )
        )
    minimum = Percent(KEY_ACCOUNT_MIN_SHARE)
    for account in (*rules.key_below_10, *rules.candidates):
        if named is None or account.id in named:
            said.append(account_finding(account, minimum))
    return said


def account_finding(account: AccountShare, minimum: Percent | None = None) -> Message:
    """What the 10% rule says of one account."""
    minimum = minimum or Percent(KEY_ACCOUNT_MIN_SHARE)
    share = Percent(account.share)
    if account.key and account.share < KEY_ACCOUNT_MIN_SHARE:
        return Message(
            N_(
                "%(name)s is a key account but brings only %(share)s of our sales, below "
                "%(minimum)s."
            ),
            name=account.name,
            share=share,
            minimum=minimum,
        )
    if account.key:
        return Message(
            N_("%(name)s brings %(share)s of our sales: enough for a key account (%(minimum)s)."),
            name=account.name,
            share=share,
            minimum=minimum,
        )
    if account.share >= KEY_ACCOUNT_MIN_SHARE:
        return Message(
            N_(
                "%(name)s is not a key account but brings %(share)s of our sales, "
                "%(minimum)s or more: a candidate key account."
            ),
            name=account.name,
            share=share,
            minimum=minimum,
        )
    return Message(
        N_("%(name)s brings %(share)s of our sales, below %(minimum)s: not a key account."),
        name=account.name,
        share=share,
        minimum=minimum,
    )
