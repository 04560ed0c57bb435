"""Concentration: each key account's share of our sales, the Pareto curve, mono-dependency."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from kamgraph.models import KEY_ACCOUNT_MIN_SHARE, KEY_ACCOUNTS_NORMAL, MONO_DEPENDENCY_SHARE

__all__ = ["AccountShare", "Concentration", "KeyAccountRules", "concentration", "key_account_rules"]

MONO_DEPENDENCY = MONO_DEPENDENCY_SHARE  # one account above this share of sales


@dataclass(frozen=True)
class AccountShare:
    """One account on the Pareto curve."""

    id: str
    name: str
    sales: float
    share: float
    cumulative: float
    key: bool = False  # a key account (is_key_account)


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


def concentration(
    accounts: Sequence[tuple[str, str, float]], key: Collection[str] = ()
) -> Concentration:
    """Shares of sales from (id, name, sales) rows, largest first; `key`: the key accounts' ids.

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
        rows.append(
            AccountShare(
                account_id, name, sales, round(share, 6), round(running, 6), account_id in key
            )
        )
    return Concentration(tuple(rows), total)


@dataclass(frozen=True)
class KeyAccountRules:
    """The field guides' key-account rules on one year's shares of sales.

    - each key account brings at least 10% of sales (`key_below_10` breaks it; `candidates`
      are other accounts at 10% or more);
    - key accounts together bring 30-55% (`band`: "scattered" below, "normal", or
      "concentrated" above);
    - more than 75% from one account is a mono-dependency (`mono_dependency`); so is more
      than 75% from the key accounts together (`key_over_75`).
    """

    key_accounts: int
    key_share: float
    band: str  # "none" (no key accounts), "scattered", "normal" or "concentrated"
    key_below_10: tuple[AccountShare, ...]
    candidates: tuple[AccountShare, ...]
    mono_dependency: AccountShare | None
    key_over_75: bool


def key_account_rules(shares: Sequence[AccountShare]) -> KeyAccountRules:
    """The rules on `shares` (as :func:`concentration` makes them).

    Examples
    --------
    >>> c = concentration(
    ...     [("a", "A", 80.0), ("b", "B", 10.0), ("c", "C", 6.0), ("d", "D", 4.0)], key={"a", "c"}
    ... )
    >>> r = key_account_rules(c.accounts)
    >>> r.band, r.key_share, r.mono_dependency.id, r.key_over_75
    ('concentrated', 0.86, 'a', True)
    >>> [a.id for a in r.key_below_10], [a.id for a in r.candidates]
    (['c'], ['b'])
    >>> c = concentration([("a", "A", 20.0), ("b", "B", 15.0), ("c", "C", 65.0)], key={"a", "b"})
    >>> key_account_rules(c.accounts).band
    'normal'
    """
    key = [a for a in shares if a.key]
    key_share = round(sum(a.share for a in key), 6)
    low, high = KEY_ACCOUNTS_NORMAL
    if not key:
        band = "none"
    elif key_share < low:
        band = "scattered"
    elif key_share > high:
        band = "concentrated"
    else:
        band = "normal"
    top = shares[0] if shares else None
    return KeyAccountRules(
        key_accounts=len(key),
        key_share=key_share,
        band=band,
        key_below_10=tuple(a for a in key if a.share < KEY_ACCOUNT_MIN_SHARE),
        candidates=tuple(a for a in shares if not a.key and a.share >= KEY_ACCOUNT_MIN_SHARE),
        mono_dependency=top if top is not None and top.share > MONO_DEPENDENCY else None,
        key_over_75=key_share > MONO_DEPENDENCY,
    )
