"""The team lead's coverage view: key people against who covers them, and each KAM's load."""

from __future__ import annotations

from typing import Any

import neo4j

from kamgraph import clock
from kamgraph.analytics import coverage as coverage_alg
from kamgraph.repository import graph as graph_repo
from kamgraph.services import analysis
from kamgraph.services import scope as scopes

TEAM_TOP = 50
# Single-threaded matters where a decision hangs on it: the 20 most influential people,
# and decision makers of open tenders. Elsewhere one good relationship is the norm.
CRITICAL_RANK = 20
FLAGS = ("uncovered", "stale", "single-threaded")
SORTS = ("influence", "name", "last_contact", "flags")


def team_coverage_report(
    session: neo4j.Session,
    scope: scopes.Scope,
    *,
    top: int = TEAM_TOP,
    stale_days: int = coverage_alg.STALE_DAYS,
) -> dict[str, Any]:
    """The team lead's view: key people (top influence and open tenders' DMUs) against who
    covers them and how recently, with flags, and each team member's load.

    Flags, rare enough to act on: *uncovered* (nobody on our team above "contact");
    *stale* (covered, but no contact in `stale_days` days); *single-threaded* (one of us
    only, for the 20 most influential and the decision makers of open tenders).

    A lead sees the key people of her team's scope, and her team's load.
    """
    today = clock.today()
    found = scopes.only_readable(
        session, scope, graph_repo.key_people(session, top=top, today=today)
    )
    by_id = {r["id"]: r for r in found}

    def critical(member: coverage_alg.Member) -> bool:
        row = by_id[member.id]
        return (row["rank"] or CRITICAL_RANK + 1) <= CRITICAL_RANK or any(
            t["role"] == "decision_maker" for t in row["tenders"]
        )

    members = [
        coverage_alg.Member(
            r["id"],
            r["name"],
            None,
            None,
            r["influence"] or 0.0,
            tuple(analysis.cover(c) for c in r["covers"]),
            r["last_contact"],
        )
        for r in found
    ]
    rows = coverage_alg.coverage(
        members, today=today, stale_days=stale_days, critical=critical, stale_when_uncovered=False
    )
    load = {
        t["id"]: {**t, "key": 0, "flagged": 0}
        for t in graph_repo.team_load(session)
        if scope.everything or t["id"] in scope.users
    }
    for row in rows:
        for user_id in {c.user_id for c in row.member.covers}:
            if user_id in load:
                load[user_id]["key"] += 1
                load[user_id]["flagged"] += bool(row.flags)
    return {
        "rows": [
            {
                "id": r.member.id,
                "name": r.member.name,
                "rank": by_id[r.member.id]["rank"],
                "influence": round(r.member.influence, 6),
                "tenders": by_id[r.member.id]["tenders"],
                "job": by_id[r.member.id]["job"],
                **analysis.coverage_fields(r),
            }
            for r in rows
        ],
        "load": sorted(load.values(), key=lambda e: (-e["covered"], e["name"])),
        "stale_days": stale_days,
    }


def chosen(
    rows: list[dict[str, Any]],
    *,
    flag: str | None = None,
    kam: str | None = None,
    account: str | None = None,
    tender: str | None = None,
    sort: str = "influence",
) -> list[dict[str, Any]]:
    """The report's rows that pass the lead's filters, in the order asked for.

    `kam` "none" keeps the people nobody covers; `flag` "any" keeps every flagged row.
    """
    kept = [
        r
        for r in rows
        if (not flag or (flag == "any" and r["flags"]) or flag in r["flags"])
        and (
            not kam
            or (kam == "none" and not r["covered_by"])
            or any(c["id"] == kam for c in r["covered_by"])
        )
        and (not account or (r["job"] or {}).get("account_id") == account)
        and (not tender or any(t["id"] == tender for t in r["tenders"]))
    ]
    if sort == "name":
        return sorted(kept, key=lambda r: r["name"])
    if sort == "last_contact":  # the longest without contact first; never before all
        return sorted(kept, key=lambda r: r["last_contact"] or "")
    if sort == "flags":
        return sorted(kept, key=lambda r: -len(r["flags"]))
    return kept  # by influence, as the report comes


def choices(rows: list[dict[str, Any]]) -> dict[str, list[tuple[str, str]]]:
    """What the filters offer: the accounts and open tenders among the key people."""
    accounts = {(r["job"]["account_id"], r["job"]["account"]) for r in rows if r["job"]}
    tenders = {(t["id"], t["title"]) for r in rows for t in r["tenders"]}
    return {
        "accounts": sorted(accounts, key=lambda a: a[1]),
        "tenders": sorted(tenders, key=lambda t: t[1]),
    }
