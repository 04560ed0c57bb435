"""The refresh's whole-graph scores at scale: from the rows into igraph, without NetworkX.

At 100,000 people, building the NetworkX projection took longer than the three analyses
together. A refresh needs no NetworkX graph: it needs the weighted edges, PageRank,
sampled betweenness and Louvain, which :mod:`kamgraph.analytics.engines` runs in igraph
anyway past ``engines.IGRAPH_FROM`` nodes. :func:`scores` gives the numbers that
``influence``, ``brokers`` and ``groups`` give on :func:`kamgraph.analytics.projection.build`'s
graph of the same rows (tests/unit/test_batch.py compares them), node for node.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from kamgraph.analytics import brokers as brokers_alg
from kamgraph.analytics import engines
from kamgraph.analytics import groups as groups_alg
from kamgraph.analytics import influence as influence_alg
from kamgraph.analytics.groups import Group
from kamgraph.analytics.projection import build, numbered_weights
from kamgraph.models import Tie

__all__ = ["Scores", "scores"]


@dataclass(frozen=True, slots=True)
class Scores:
    """Each node's scores, in the order of ``ids``; the groups, largest first."""

    ids: list[str]
    influence: list[float]
    broker: list[float]
    groups: list[Group]


def scores(
    people: Sequence[Mapping[str, Any]],
    ties: Sequence[Tie],
    *,
    today: date,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> Scores:
    """Influence (weighted PageRank), brokers (betweenness, unweighted) and groups (Louvain,
    weighted) of `people` (rows with ``id``, ``organizations`` and ``roles``) and `ties` of
    the influence types, as the refresh stores them.

    Below ``engines.IGRAPH_FROM`` people this is NetworkX on the projection, the reference;
    above, the same computations in igraph on the weighted edges.
    """

    def step(message: str) -> None:
        if progress is not None:
            progress(message)

    ids = [str(row["id"]) for row in people]
    if len(ids) < engines.IGRAPH_FROM:
        graph = build(people, ties, today=today, keep_ties=False)
        step("influence (PageRank)")
        influence = influence_alg.influence(graph)
        step("brokers (betweenness)")
        broker = brokers_alg.brokers(graph, seed=seed)
        step("groups (Louvain)")
        found = groups_alg.groups(graph, seed=seed)
        return Scores(
            ids,
            [influence.get(node, 0.0) for node in ids],
            [broker.get(node, 0.0) for node in ids],
            found,
        )
    index = {node: i for i, node in enumerate(ids)}
    directed = engines.from_weights(len(ids), numbered_weights(ties, index, today=today))
    step("influence (PageRank)")
    influence_list = engines.pagerank_of(directed, weight="weight", alpha=influence_alg.ALPHA)
    step("brokers (betweenness)")
    broker_list = engines.betweenness_of(
        engines.undirected(directed, None),
        ids,
        k=brokers_alg.sample_size(len(ids)),
        seed=seed,
        weight=None,
    )
    step("groups (Louvain)")
    membership = engines.louvain_of(
        engines.undirected(directed, "weight"), weight="weight", seed=seed
    )
    communities: dict[int, set[str]] = {}
    for i, community in enumerate(membership):
        communities.setdefault(community, set()).add(ids[i])
    found = groups_alg.label_groups(communities.values(), lambda node: people[index[node]])
    return Scores(ids, influence_list, broker_list, found)
