"""The refresh's scores at scale (igraph on the weighted edges) equal NetworkX's on the
projection of the same rows: influence, brokers and groups, person by person."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import cast

import networkx as nx
import pytest

from kamgraph.analytics import batch, engines
from kamgraph.analytics.projection import build
from kamgraph.models import Tie

DAY = date(2026, 11, 30)
CLUSTERS, SIZE = 12, 30


def _region(seed: int) -> tuple[list[dict[str, object]], list[Tie]]:
    """Twelve hospitals of thirty people, dense inside, a few ties between, every tie type,
    strengths, ages and some ended ties."""
    rng = random.Random(seed)
    people: list[dict[str, object]] = [
        {
            "id": f"p{c}-{i}",
            "name": f"P {c}-{i}",
            "organizations": [f"Hospital {c}"],
            "roles": ["evaluator"] if i % 7 == 0 else [],
        }
        for c in range(CLUSTERS)
        for i in range(SIZE)
    ]
    ties: list[Tie] = []

    def tie(a: str, b: str) -> Tie:
        kind = rng.choice(("KNOWS", "KNOWS", "INFLUENCES", "REPORTS_TO"))
        seen = None if rng.random() < 0.3 else DAY - timedelta(days=rng.randrange(0, 2000))
        until = DAY - timedelta(days=3) if rng.random() < 0.05 else None
        value = None if rng.random() < 0.1 or kind == "REPORTS_TO" else rng.uniform(0.1, 1.0)
        return Tie(a, b, kind, None, value, seen, until)

    for c in range(CLUSTERS):
        for _ in range(SIZE * 4):
            a, b = rng.sample(range(SIZE), 2)
            ties.append(tie(f"p{c}-{a}", f"p{c}-{b}"))
    for _ in range(CLUSTERS * 2):
        c, d = rng.sample(range(CLUSTERS), 2)
        ties.append(tie(f"p{c}-{rng.randrange(SIZE)}", f"p{d}-{rng.randrange(SIZE)}"))
    return people, ties


@pytest.fixture
def at_scale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make 360 people count as 'large', so the igraph path runs on a graph NetworkX can
    score exactly."""
    monkeypatch.setattr(engines, "IGRAPH_FROM", 100)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.usefixtures("at_scale")
def test_scores_at_scale_equal_networkx_on_the_projection(seed: int) -> None:
    people, ties = _region(seed)
    found = batch.scores(people, ties, today=DAY, seed=0)

    graph = build(people, ties, today=DAY, keep_ties=False)
    # NetworkX iterated to convergence (its default stops at a total change of n * 1e-6);
    # igraph solves the same system exactly.
    pagerank = nx.pagerank(graph, weight="weight", tol=1e-13, max_iter=10_000)
    between = nx.betweenness_centrality(graph.to_undirected(as_view=True))
    louvain = nx.community.louvain_communities(
        nx.Graph(graph.to_undirected(as_view=True)), weight="weight", seed=0
    )
    assert found.ids == [p["id"] for p in people]
    for i, node in enumerate(found.ids):
        assert found.influence[i] == pytest.approx(pagerank[node], abs=1e-9)
        assert found.broker[i] == pytest.approx(between[node], abs=1e-9)
    # Louvain's moves depend on the order it visits nodes in: igraph's and NetworkX's
    # differ, so the partitions may differ by a few people, never in quality.
    undirected = nx.Graph(graph.to_undirected(as_view=True))
    modularity = cast("Callable[[nx.Graph[str], object], float]", nx.community.modularity)
    ours = modularity(undirected, [set(g.members) for g in found.groups])
    theirs = modularity(undirected, louvain)
    assert ours == pytest.approx(theirs, abs=0.02)
    assert {g.organizations[0][0] for g in found.groups} == {
        f"Hospital {c}" for c in range(CLUSTERS)
    }


@pytest.mark.parametrize("seed", [4, 5])
def test_the_two_paths_store_the_same_scores(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Below the threshold the refresh runs NetworkX itself; above, igraph. A region that
    crosses it (a growing one) keeps its scores and groups."""
    people, ties = _region(seed)
    reference = batch.scores(people, ties, today=DAY, seed=0)
    monkeypatch.setattr(engines, "IGRAPH_FROM", 100)
    scaled = batch.scores(people, ties, today=DAY, seed=0)
    # NetworkX's PageRank stops once the scores move less than n * 1e-6 in all.
    assert scaled.influence == pytest.approx(reference.influence, abs=1e-4)
    assert sum(scaled.influence) == pytest.approx(1.0)
    assert scaled.broker == pytest.approx(reference.broker, abs=1e-9)
    assert sorted(g.label for g in scaled.groups) == sorted(g.label for g in reference.groups)
