"""Balance of power in a tender's DMU, the support forecast, and what-ifs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kamgraph.models import FORECASTS

__all__ = ["Balance", "Member", "balance", "what_if"]

# Stance to a score: how much a member pulls towards us (+) or against (-).
STANCE_SCORE = {"champion": 2.0, "supporter": 1.0, "neutral": 0.0, "sceptic": -1.0, "blocker": -2.0}
# Forecast bands for the support index (influence-weighted mean stance score, -2..2).
LIKELY = 0.75
CONTESTED = -0.25


@dataclass(frozen=True)
class Member:
    """A DMU member as the forecast sees them."""

    id: str
    name: str
    role: str
    stance: str


@dataclass(frozen=True)
class Balance:
    """The influence-weighted stance of a DMU."""

    index: float  # -2 (all blockers) .. +2 (all champions)
    by_stance: dict[str, float]  # share of the DMU's influence holding each stance
    forecast: str  # "likely to support", "contested" or "likely to oppose"
    weights: dict[str, float]  # member id -> share of the DMU's influence

    @property
    def support_share(self) -> float:
        """Share of the DMU's influence that is champion or supporter."""
        return self.by_stance.get("champion", 0.0) + self.by_stance.get("supporter", 0.0)


def balance(members: Sequence[Member], scores: Mapping[str, float]) -> Balance:
    """Weigh each member's stance by their influence (equal weights if all scores are 0).

    Examples
    --------
    >>> dmu = [Member("a", "A", "decision_maker", "champion"),
    ...        Member("b", "B", "evaluator", "blocker")]
    >>> balance(dmu, {"a": 0.3, "b": 0.1}).index
    1.0
    """
    raw = {m.id: max(0.0, float(scores.get(m.id, 0.0))) for m in members}
    total = sum(raw.values())
    weights = (
        {k: v / total for k, v in raw.items()}
        if total > 0
        else {m.id: 1 / len(members) for m in members}
        if members
        else {}
    )
    by_stance = dict.fromkeys(STANCE_SCORE, 0.0)
    for member in members:
        by_stance[member.stance] += weights[member.id]
    index = sum(weights[m.id] * STANCE_SCORE[m.stance] for m in members)
    return Balance(round(index, 6), by_stance, _forecast(index), weights)


def _forecast(index: float) -> str:
    if index >= LIKELY:
        return FORECASTS[0]
    if index > CONTESTED:
        return FORECASTS[1]
    return FORECASTS[2]


def what_if(
    members: Sequence[Member], scores: Mapping[str, float], person_id: str, stance: str
) -> tuple[Balance, Balance]:
    """The balance now, and if `person_id` took `stance` (e.g. moved to supporter)."""
    if stance not in STANCE_SCORE:
        msg = f"unknown stance {stance!r}; use one of {', '.join(STANCE_SCORE)}"
        raise ValueError(msg)
    if not any(m.id == person_id for m in members):
        msg = f"{person_id} is not in this tender's DMU"
        raise ValueError(msg)
    moved = [Member(m.id, m.name, m.role, stance) if m.id == person_id else m for m in members]
    return balance(members, scores), balance(moved, scores)
