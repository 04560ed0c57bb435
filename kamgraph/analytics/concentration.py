"""Concentration: each key account's share of our sales, the Pareto curve, mono-dependency."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["AccountShare", "Concentration", "concentration"]

MONO_DEPENDENCY = 0.75  # one account above this share of sales is a mono-dependency


@dataclass(frozen=True)
class AccountShare:
    """One account on the Pareto curve."""

    id: str
    name: str
    sales: float
    share: float
    cumulative: float


@dataclass(frozen=True)
class Concentration:
    """The curve, and what a lead should notice."""

    accounts: tuple[AccountShare, ...]
    total: float

    @property
    def mono_dependent(self) -> AccountShare | None:
        """The account holding more than 75% of sales, if any."""
        top = self.accounts[0] if self.accounts else None
        return top if top is not None and top.share > MONO_DEPENDENCY else None

    @property
    def accounts_for_80_percent(self) -> int:
        """How many of the largest accounts make up 80% of sales."""
        return next((i for i, a in enumerate(self.accounts, 1) if a.cumulative >= 0.8), 0)


def concentration(accounts: Sequence[tuple[str, str, float]]) -> Concentration:
    """Shares of sales from (id, name, annual sales) rows, largest first.

    Examples
    --------
    >>> c = concentration([("a", "A", 80.0), ("b", "B", 20.0)])
    >>> [(x.id, x.share, x.cumulative) for x in c.accounts]
    [('a', 0.8, 0.8), ('b', 0.2, 1.0)]
    >>> c.mono_dependent.id
    'a'
    """
    total = sum(max(0.0, sales) for _, _, sales in accounts)
    ordered = sorted(accounts, key=lambda a: (-a[2], a[0]))
    rows: list[AccountShare] = []
    running = 0.0
    for account_id, name, sales in ordered:
        share = sales / total if total else 0.0
        running += share
        rows.append(AccountShare(account_id, name, sales, round(share, 6), round(running, 6)))
    return Concentration(tuple(rows), total)
