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
from collections.abc import Generator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, cast

import igraph as ig
import networkx as nx

__all__ = [
    "IGRAPH_FROM",
    "betweenness",
    "betweenness_of",
    "from_weights",
    "louvain",
    "louvain_of",
    "pagerank",
    "pagerank_of",
    "undirected",
]

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
        return undirected(converted, weight), nodes
    return _copy(graph, weight)


def undirected(graph: ig.Graph, weight: str | None) -> ig.Graph:
    """`graph` without directions: one edge per pair, keeping the larger weight."""
    combine: Any = "ignore" if weight is None else {weight: "max"}
    return cast(ig.Graph, graph.as_undirected(mode="collapse", combine_edges=combine))


def _copy(graph: nx.Graph[str], weight: str | None) -> tuple[ig.Graph, list[str]]:
    """An igraph copy, directed as `graph` is, and its node order."""
    nodes = list(graph.nodes())
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in graph.edges()]
    converted = ig.Graph(n=len(nodes), edges=edges, directed=graph.is_directed())
    if weight is not None:
        converted.es[weight] = [float(d.get(weight, 1.0)) for _, _, d in graph.edges(data=True)]
    return converted, nodes


def from_weights(n: int, weights: Mapping[tuple[int, int], float]) -> ig.Graph:
    """A directed igraph of `n` nodes with `weights` (``(u, v) -> w``) as edge ``weight``."""
    converted = ig.Graph(n=n, edges=list(weights), directed=True)
    converted.es["weight"] = list(weights.values())
    return converted


def pagerank(graph: nx.DiGraph[str], *, weight: str | None, alpha: float) -> dict[str, float]:
    """``networkx.pagerank(graph, alpha, weight=weight)`` (no personalisation), in igraph."""
    converted, nodes = _copy(graph, weight)
    return dict(zip(nodes, pagerank_of(converted, weight=weight, alpha=alpha), strict=True))


def pagerank_of(graph: ig.Graph, *, weight: str | None, alpha: float) -> list[float]:
    """:func:`pagerank` on an igraph graph: scores in node order."""
    return cast(list[float], graph.pagerank(damping=alpha, weights=weight))


def betweenness(
    graph: nx.Graph[str], *, k: int | None, seed: int, weight: str | None
) -> dict[str, float]:
    """``networkx.betweenness_centrality(graph, k, normalized=True, weight, seed)``, in igraph."""
    converted, nodes = _to_igraph(graph, weight)
    scores = betweenness_of(converted, nodes, k=k, seed=seed, weight=weight)
    return dict(zip(nodes, scores, strict=True))


def betweenness_of(
    graph: ig.Graph, nodes: Sequence[str], *, k: int | None, seed: int, weight: str | None
) -> list[float]:
    """:func:`betweenness` on an undirected igraph graph whose node i is ``nodes[i]``.

    The node order matters: the sampled pivots are the ones NetworkX draws from it.
    """
    n = len(nodes)
    if n <= 2:
        return [0.0] * n
    if k is None or k >= n:
        raw = cast(list[float], graph.betweenness(directed=False, weights=weight))
        scale = 2 / ((n - 1) * (n - 2))
        return [value * scale for value in raw]
    pivots = random.Random(seed).sample(list(nodes), k)  # the pivots NetworkX draws
    index = {node: i for i, node in enumerate(nodes)}
    chosen = {index[p] for p in pivots}
    raw = cast(
        list[float],
        graph.betweenness(directed=False, weights=weight, sources=sorted(chosen), targets=None),
    )
    # NetworkX's rescaling for sampled sources with endpoints excluded (N = n - 1 targets).
    big_n = n - 1
    source_scale, other_scale = 2 / ((k - 1) * (big_n - 1)), 2 / (k * (big_n - 1))
    return [value * (source_scale if i in chosen else other_scale) for i, value in enumerate(raw)]


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
    membership = louvain_of(converted, weight=weight, seed=seed, resolution=resolution)
    communities: dict[int, set[str]] = {}
    for i, community in enumerate(membership):
        communities.setdefault(community, set()).add(nodes[i])
    return list(communities.values())


def louvain_of(
    graph: ig.Graph, *, weight: str | None, seed: int, resolution: float = 1.0
) -> Sequence[int]:
    """:func:`louvain` on an undirected igraph graph: each node's community number."""
    with _seeded(seed):
        # igraph's stub types resolution as int; it takes any float.
        multilevel = cast(Any, graph).community_multilevel
        found = multilevel(weights=weight, resolution=resolution)
    membership: Sequence[int] = found.membership
    return membership
