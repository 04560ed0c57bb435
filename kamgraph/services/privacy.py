"""GDPR Art. 14 for the compliance officer: who has not been told that we hold their data,
by when they must be, and the notice letter to send them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import neo4j

from kamgraph.repository import privacy as privacy_repo

INFORM_WITHIN = timedelta(days=30)  # Art. 14(3)(a): within a reasonable period, a month at most


def report(session: neo4j.Session, today: date) -> dict[str, Any]:
    """People not informed yet: those past the month (overdue) and those still within it,
    each with the day it ends."""
    overdue: list[dict[str, Any]] = []
    due: list[dict[str, Any]] = []
    for person in privacy_repo.not_informed(session):
        collected: date | None = person["collected_on"]
        inform_by = (collected or today) + INFORM_WITHIN
        row = {**person, "inform_by": inform_by, "days_left": (inform_by - today).days}
        (overdue if inform_by < today else due).append(row)
    return {"today": today, "overdue": overdue, "due": due}
