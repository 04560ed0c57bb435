"""The team lead's coverage view: key people against who covers them, and each KAM's load."""

from __future__ import annotations

from typing import Any

import neo4j

from kamgraph import clock
from kamgraph.analytics import coverage as coverage_alg
from kamgraph.repository import graph as graph_repo
from kamgraph.services import analysis

TEAM_TOP = 50


def team_coverage_report(
    session: neo4j.Session, *, top: int = TEAM_TOP, stale_days: int = coverage_alg.STALE_DAYS
) -> dict[str, Any]:
    """The team lead's view: key people (top influence and open tenders' DMUs) against who
    covers them and how recently, with flags, and each team member's load."""
    today = clock.today()
    found = graph_repo.key_people(session, top=top, today=today)
    members = [
        coverage_alg.Member(
            r["id"], r["name"], None, None, r["influence"] or 0.0,
            tuple(analysis.cover(c) for c in r["covers"]), r["last_contact"],
        )
        for r in found
    ]  # fmt: skip
    tenders = {r["id"]: r["tenders"] for r in found}
    rank = {r["id"]: r["rank"] for r in found}
    rows = coverage_alg.coverage(members, today=today, stale_days=stale_days)
    load: dict[str, dict[str, Any]] = {
        t["id"]: {"id": t["id"], "name": t["name"], "role": t["role"], "people": 0, "flagged": 0}
        for t in graph_repo.team(session)
    }
    for row in rows:
        for cover in row.member.covers:
            entry = load.setdefault(
                cover.user_id,
                {
                    "id": cover.user_id,
                    "name": cover.user_name,
                    "role": None,
                    "people": 0,
                    "flagged": 0,
                },
            )
            entry["people"] += 1
            entry["flagged"] += bool(row.flags)
    return {
        "rows": [
            {"id": r.member.id, "name": r.member.name, "rank": rank[r.member.id],
             "influence": round(r.member.influence, 6), "tenders": tenders[r.member.id],
             "covered_by": [{"id": c.user_id, "name": c.user_name, "stage": c.stage}
                            for c in r.member.covers],
             "last_contact": r.member.last_contact.isoformat() if r.member.last_contact else None,
             "days_since_contact": r.days_since_contact, "flags": list(r.flags)}
            for r in rows
        ],
        "load": sorted(load.values(), key=lambda e: (-e["people"], e["name"])),
        "stale_days": stale_days,
    }  # fmt: skip
