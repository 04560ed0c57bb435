"""Who carries weight: people ranked by influence (PageRank) and by brokerage (betweenness)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import neo4j

from kamgraph.analytics import brokers as brokers_alg
from kamgraph.analytics import influence as influence_alg
from kamgraph.services import projection as proj
from kamgraph.services.projection import Named


@dataclass(frozen=True)
class Influencer:
    """A person by influence: rank, score, whether a hidden influencer, DMU roles."""

    id: str
    name: str
    rank: int
    score: float
    hidden: bool
    roles: list[str]


@dataclass(frozen=True)
class InfluenceReport:
    """The top people by influence, and the hidden influencers among them."""

    rows: list[Influencer]
    hidden_influencers: list[Named]

    def as_json(self) -> dict[str, object]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Broker:
    """A person by betweenness."""

    id: str
    name: str
    rank: int
    score: float


@dataclass(frozen=True)
class BrokersReport:
    """The top people by betweenness; `sampled` if it was estimated from pivots."""

    rows: list[Broker]
    sampled: bool

    def as_json(self) -> dict[str, object]:
        return dataclasses.asdict(self)


def influence_report(
    session: neo4j.Session,
    *,
    types: Sequence[str],
    weighted: bool = True,
    top: int = 20,
    scope: str | None = None,
    tender_id: str | None = None,
    segment: str | None = None,
) -> InfluenceReport:
    """Top people by PageRank (personalised to a tender's DMU if given); hidden influencers.

    With a `segment`, only the people of that stakeholder segment, keeping their rank in
    the whole ranking."""
    graph = proj.scoped(session, proj.projection(session, types, weighted=weighted), scope)
    proj.check_not_empty(graph)
    dmu = proj.dmu(session, tender_id) if tender_id is not None else None
    scores = influence_alg.influence(
        graph, personalization=dmu, weight="weight" if weighted else None
    )
    ranked = influence_alg.ranked(scores)
    kept = proj.in_segment(session, [node for node, _ in ranked], segment)
    hidden = {n for n in influence_alg.hidden_influencers(graph, scores, top=top) if kept(n)}
    chosen = [(rank, node, score) for rank, (node, score) in enumerate(ranked, 1) if kept(node)]
    rows = [
        Influencer(
            node,
            proj.person(graph, node).name,
            rank=rank,
            score=score,
            hidden=node in hidden,
            roles=sorted(set(graph.nodes[node].get("roles") or ())),
        )
        for rank, node, score in chosen[:top]
    ]
    return InfluenceReport(rows, [proj.person(graph, n) for n in sorted(hidden)])


def brokers_report(
    session: neo4j.Session,
    *,
    types: Sequence[str],
    weighted: bool = False,
    top: int = 20,
    seed: int = 0,
    scope: str | None = None,
    segment: str | None = None,
) -> BrokersReport:
    """Top people by betweenness (with a `segment`, of that stakeholder segment only,
    keeping their rank among everyone)."""
    graph = proj.scoped(session, proj.projection(session, types, weighted=weighted), scope)
    proj.check_not_empty(graph)
    scores = brokers_alg.brokers(graph, weighted=weighted, seed=seed)
    ranked = influence_alg.ranked(scores)
    sampled = graph.number_of_nodes() > brokers_alg.EXACT_LIMIT
    kept = proj.in_segment(session, [node for node, _ in ranked], segment)
    chosen = [(i, n, s) for i, (n, s) in enumerate(ranked, 1) if kept(n)]
    rows = [Broker(n, proj.person(graph, n).name, rank=i, score=s) for i, n, s in chosen[:top]]
    return BrokersReport(rows, sampled)
