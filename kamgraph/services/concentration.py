"""Sales concentration: each account's share of our sales, the Pareto curve, and
mono-dependency."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import neo4j

from kamgraph.analytics import concentration as concentration_alg
from kamgraph.analytics.concentration import AccountShare
from kamgraph.errors import Invalid
from kamgraph.repository import graph as graph_repo
from kamgraph.services.projection import Named


@dataclass(frozen=True)
class ConcentrationReport:
    """The accounts' shares, largest first; how many make 80%; the one above 75%, if any."""

    total_sales: float
    accounts_for_80_percent: int
    mono_dependency: Named | None
    rows: list[AccountShare]

    def account(self, org_id: str) -> AccountShare | None:
        """This organization's share, if it is among the accounts."""
        return next((r for r in self.rows if r.id == org_id), None)

    def as_json(self) -> dict[str, object]:
        return dataclasses.asdict(self)


def concentration_report(session: neo4j.Session) -> ConcentrationReport:
    """Each account's share of our sales, the Pareto curve, and mono-dependency."""
    accounts = graph_repo.accounts(session)
    if not accounts:
        raise Invalid("no organization has annual_sales recorded")
    result = concentration_alg.concentration([(a.id, a.name, float(a.sales)) for a in accounts])
    mono = result.mono_dependent
    return ConcentrationReport(
        total_sales=result.total,
        accounts_for_80_percent=result.accounts_for_80_percent,
        mono_dependency=None if mono is None else Named(mono.id, mono.name),
        rows=list(result.accounts),
    )
