"""Brokers and gatekeepers: betweenness centrality, exact on small graphs, sampled on large."""

from __future__ import annotations

import networkx as nx

from kamgraph.analytics import engines

__all__ = ["SAMPLE_SOURCES", "brokers", "sample_size"]

# Past this many nodes betweenness is estimated from SAMPLE_SOURCES pivots (fixed seed):
# exact betweenness costs O(nodes x edges), hours at a national scale.
EXACT_LIMIT = 5_000
SAMPLE_SOURCES = 256


def sample_size(
    n: int, *, exact_limit: int = EXACT_LIMIT, samples: int = SAMPLE_SOURCES
) -> int | None:
    """How many pivots betweenness samples on `n` nodes (None: all, exactly)."""
    return min(samples, n) if n > exact_limit else None


def brokers(
    graph: nx.DiGraph[str] | nx.Graph[str],
    *,
    weighted: bool = False,
    seed: int = 0,
    exact_limit: int = EXACT_LIMIT,
    samples: int = SAMPLE_SOURCES,
) -> dict[str, float]:
    """Betweenness of every node on the undirected tie graph, normalised as NetworkX does.

    Parameters
    ----------
    graph : networkx graph
        Directed graphs are read as undirected: a bridge bridges both ways.
    weighted : bool
        If true, strong ties are short (distance = 1 / weight); by default every tie is
        one step, which is what "who sits between groups" usually means.
    seed : int
        Seed for the pivot sample on large graphs.
    exact_limit, samples : int
        Graphs with more than `exact_limit` nodes use `samples` random pivots.

    Returns
    -------
    dict
        Node id to betweenness, as :func:`networkx.betweenness_centrality` (normalized=True).

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c")])
    >>> brokers(g)["b"]
    1.0
    """
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    distance = None
    if weighted:
        undirected = nx.Graph(undirected)
        for _, _, data in undirected.edges(data=True):
            data["distance"] = 1.0 / max(float(data.get("weight", 1.0)), 1e-9)
        distance = "distance"
    n = undirected.number_of_nodes()
    k = sample_size(n, exact_limit=exact_limit, samples=samples)
    if n >= engines.IGRAPH_FROM:  # same numbers, from igraph's C core (see engines)
        return engines.betweenness(undirected, k=k, seed=seed, weight=distance)
    scores: dict[str, float] = nx.betweenness_centrality(
        undirected, k=k, weight=distance, seed=seed
    )
    return scores
