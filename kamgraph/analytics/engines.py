"""igraph underneath NetworkX for the heavy batch algorithms on large graphs.

The analyses keep NetworkX as their API: they take NetworkX graphs and return plain data.
Past ``IGRAPH_FROM`` nodes, PageRank (unpersonalised), betweenness and Louvain run in
igraph's C core instead (bench/bench_analytics.py measures the difference). Agreement with
NetworkX:

- PageRank: igraph solves the same linear system exactly (PRPACK) where NetworkX iterates
  to a tolerance; scores agree within 1e-6 on the unit-test graphs;
- betweenness: identical up to floating point (< 1e-12), exact or sampled, because the
  sample uses the same pivots NetworkX would draw (``random.Random(seed).sample``) and the
  same rescaling;
- Louvain: the same partitions on the unit-test graphs; on large graphs a different but
  equally good one (modularity within 0.02 of NetworkX's, measured in BENCHMARKS.md).
"""

from __future__ import annotations

import random
from collections.abc import Generator, Sequence
from contextlib import contextmanager
from typing import Any, cast

import igraph as ig
import networkx as nx

IGRAPH_FROM = 2_000


def _to_igraph(graph: nx.Graph[str], weight: str | None) -> tuple[ig.Graph, list[str]]:
    """An undirected igraph copy of `graph`, and its node order.

    An undirected *view* of a directed graph is read through the directed graph under it:
    igraph collapses the two directions in its C core, several times faster than walking
    the view edge by edge in Python. Where a pair has ties both ways, the collapsed edge
    keeps the larger weight.
    """
    base: object = getattr(graph, "_graph", None)
    if isinstance(base, nx.DiGraph) and len(cast("nx.DiGraph[str]", base)) == len(graph):
        converted, nodes = _copy(cast("nx.DiGraph[str]", base), weight)
        combine: Any = "ignore" if weight is None else {weight: "max"}
        collapsed = cast(ig.Graph, converted.as_undirected(mode="collapse", combine_edges=combine))
        return collapsed, nodes
    return _copy(graph, weight)


def _copy(graph: nx.Graph[str], weight: str | None) -> tuple[ig.Graph, list[str]]:
    """An igraph copy, directed as `graph` is, and its node order."""
    nodes = list(graph.nodes())
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in graph.edges()]
    converted = ig.Graph(n=len(nodes), edges=edges, directed=graph.is_directed())
    if weight is not None:
        converted.es[weight] = [float(d.get(weight, 1.0)) for _, _, d in graph.edges(data=True)]
    return converted, nodes


def pagerank(graph: nx.DiGraph[str], *, weight: str | None, alpha: float) -> dict[str, float]:
    """``networkx.pagerank(graph, alpha, weight=weight)`` (no personalisation), in igraph."""
    converted, nodes = _copy(graph, weight)
    scores = cast(list[float], converted.pagerank(damping=alpha, weights=weight))
    return dict(zip(nodes, scores, strict=True))


def betweenness(
    graph: nx.Graph[str], *, k: int | None, seed: int, weight: str | None
) -> dict[str, float]:
    """``networkx.betweenness_centrality(graph, k, normalized=True, weight, seed)``, in igraph."""
    converted, nodes = _to_igraph(graph, weight)
    n = len(nodes)
    if n <= 2:
        return dict.fromkeys(nodes, 0.0)
    if k is None or k >= n:
        raw = cast(list[float], converted.betweenness(directed=False, weights=weight))
        scale = 2 / ((n - 1) * (n - 2))
        return {node: raw[i] * scale for i, node in enumerate(nodes)}
    pivots = random.Random(seed).sample(nodes, k)  # the pivots NetworkX draws for this seed
    index = {node: i for i, node in enumerate(nodes)}
    raw = cast(
        list[float],
        converted.betweenness(
            directed=False, weights=weight, sources=[index[p] for p in pivots], targets=None
        ),
    )
    # NetworkX's rescaling for sampled sources with endpoints excluded (N = n - 1 targets).
    big_n, chosen = n - 1, set(pivots)
    source_scale, other_scale = 2 / ((k - 1) * (big_n - 1)), 2 / (k * (big_n - 1))
    return {
        node: raw[i] * (source_scale if node in chosen else other_scale)
        for i, node in enumerate(nodes)
    }


@contextmanager
def _seeded(seed: int) -> Generator[None]:
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def louvain(
    graph: nx.Graph[str], *, weight: str | None, seed: int, resolution: float = 1.0
) -> list[set[str]]:
    """Louvain (igraph's multilevel) communities, deterministic for a seed."""
    converted, nodes = _to_igraph(graph, weight)
    with _seeded(seed):
        # igraph's stub types resolution as int; it takes any float.
        multilevel = cast(Any, converted).community_multilevel
        found = multilevel(weights=weight, resolution=resolution)
    membership: Sequence[int] = found.membership
    communities: dict[int, set[str]] = {}
    for i, community in enumerate(membership):
        communities.setdefault(community, set()).add(nodes[i])
    return list(communities.values())
