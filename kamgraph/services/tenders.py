"""The tender page's data in one call, limited to what the reader may see
(views/tenders.py renders it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import neo4j

from kamgraph import clock
from kamgraph.errors import Invalid
from kamgraph.repository import graph as graph_repo
from kamgraph.repository import history
from kamgraph.repository import tenders as tenders_repo
from kamgraph.repository.proposals import Line as ProposalLine
from kamgraph.services import projection, proposals
from kamgraph.services import scope as scopes
from kamgraph.services.coverage import CoverageReport, coverage_report
from kamgraph.services.power import NoForecast, PowerReport, power_report


@dataclass(frozen=True)
class TenderView:
    """Everything the tender page shows, for one reader."""

    page: tenders_repo.TenderPage  # the tender, its lots, products, DMU, plan state
    coverage: CoverageReport  # our coverage of the DMU and the influencers around it
    power: PowerReport | NoForecast  # the forecast, or why there is none
    team: list[graph_repo.TeamMember]  # who may own a plan step
    asked: tuple[str, str] | None  # the what-if asked: (person id, stance)
    proposals: list[ProposalLine]  # proposals answering it
    watching: bool = False  # whether the reader watches this tender (history.py)


def tender_page(
    session: neo4j.Session,
    scope: scopes.Scope,
    tender_id: str,
    *,
    what_if: tuple[str, str] | None,
    near: projection.Near,
) -> TenderView | None:
    """The tender page for `scope`'s reader; None if there is no such tender or the reader
    may not read it (a 404 either way). `near` is the worker's influence around people."""
    if not scopes.readable(session, scope, "tender", [tender_id]):
        return None
    page = tenders_repo.page(session, tender_id)
    if page is None:
        return None
    around = scopes.near_readable(session, scope, near)
    coverage = coverage_report(session, tender_id=tender_id, near=around)
    power: PowerReport | NoForecast
    try:
        power = power_report(session, tender_id, what_if=what_if, near=around)
    except Invalid as error:  # no DMU recorded yet, or an unknown what-if person
        power = NoForecast(error)
    team = sorted(graph_repo.team(session), key=lambda u: u.name)
    made = proposals.lines_for(session, scope, clock.today(), tender_id=tender_id)
    watching = history.watching(session, scope.user.id, tender_id)
    return TenderView(page, coverage, power, team, what_if, made, watching)


def dmu_graph(
    session: neo4j.Session, scope: scopes.Scope, tender_id: str, *, near: projection.Near
) -> dict[str, Any] | None:
    """The DMU map for the graph view (Cytoscape elements) with the influencers outside the
    DMU the worker finds, limited to the people `scope` reads; None if there is no such
    tender or the reader may not read it."""
    if not scopes.readable(session, scope, "tender", [tender_id]):
        return None
    members = tenders_repo.dmu_map(session, tender_id)
    if members is None:
        return None
    ids = [str(n["id"]) for n in members["nodes"]]
    found: list[dict[str, Any]] = (near(ids).get("outside") or []) if ids else []
    outside = [str(o["id"]) for o in found]
    graph = tenders_repo.dmu_map(session, tender_id, outside) if outside else members
    return scopes.network(session, scope, graph or members)
