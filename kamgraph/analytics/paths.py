"""Warm introduction paths: the strongest chains of trust from our team to a target person."""

from __future__ import annotations

import math
import threading
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from itertools import islice, pairwise

import networkx as nx

from kamgraph.analytics.projection import Tie, base_weight, recency

MAX_HOPS = 6
STALE_DAYS = 3 * 365  # a tie not seen for three years is no basis for an introduction
_START = "\x00team"  # a virtual node joined to every team member at no cost
_SEARCH_LOCK = threading.Lock()


class NoPath(LookupError):
    """Nobody on the team reaches the target through usable ties."""


@dataclass(frozen=True)
class Hop:
    """One step and the tie that carries it, in words."""

    source: str
    target: str
    how: str
    strength: float


@dataclass(frozen=True)
class WarmPath:
    """A chain from a team member to the target; strength is the product of its hops'."""

    nodes: tuple[str, ...]
    hops: tuple[Hop, ...]

    @property
    def strength(self) -> float:
        return math.prod(hop.strength for hop in self.hops)


def usable(tie: Tie, today: date, stale_days: int = STALE_DAYS) -> bool:
    """A tie we may lean on: not hostile (a rival), not ended, not stale."""
    if tie.type == "KNOWS" and tie.kind == "rival":
        return False
    if tie.until is not None and tie.until < today:
        return False
    return tie.seen is None or (today - tie.seen).days <= stale_days


def warm_paths(
    graph: nx.DiGraph[str],
    sources: Collection[str],
    target: str,
    *,
    today: date,
    k: int = 3,
    max_hops: int = MAX_HOPS,
    stale_days: int = STALE_DAYS,
) -> list[WarmPath]:
    """The `k` strongest paths of at most `max_hops` hops from any of `sources` to `target`.

    A hop's strength is its best usable tie's weight (base x recency, see
    :mod:`kamgraph.analytics.projection`); a path's strength is the product, so one weak
    link weakens the whole chain. Hostile (rival) and stale ties are skipped. Direction
    is ignored: an introduction can go either way along a tie.

    Raises
    ------
    NoPath
        If no source reaches the target within `max_hops`.

    Examples
    --------
    >>> from kamgraph.analytics.projection import build
    >>> day = date(2026, 1, 1)
    >>> g = build([{"id": "kam", "name": "Kira"}, {"id": "a", "name": "Ada"},
    ...            {"id": "t", "name": "Tom"}],
    ...           [Tie("kam", "a", "COVERS", kind="loyalty"),
    ...            Tie("a", "t", "KNOWS", kind="friend", value=0.8)], today=day)
    >>> [hop.how for hop in warm_paths(g, ["kam"], "t", today=day)[0].hops]
    ['Kira covers Ada (loyalty)', 'Ada knows Tom (friend, strength 0.8)']
    """
    if target not in graph:
        raise NoPath(f"{target} is not in the graph")
    search = search_graph(graph, today, stale_days)
    starts = [s for s in sources if s in search]
    if target in starts:
        return []
    found: list[WarmPath] = []
    # The search graph is shared (cached on the projection); the virtual start node is
    # added for this query only, under a lock.
    with _SEARCH_LOCK:
        search.add_edges_from((_START, s, {"cost": 0.0}) for s in starts)
        try:
            candidates = nx.shortest_simple_paths(search, _START, target, weight="cost")
            for nodes in islice(candidates, 20 * k):
                path = tuple(nodes[1:])
                if len(path) - 1 <= max_hops:
                    found.append(_explain(graph, search, path))
                if len(found) == k:
                    break
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            pass
        finally:
            search.remove_node(_START)
    if not found:
        name = graph.nodes[target].get("name", target)
        raise NoPath(
            f"no warm path: nobody on the team is connected to {name} within {max_hops} hops"
        )
    return found


def search_graph(graph: nx.DiGraph[str], today: date, stale_days: int) -> nx.Graph[str]:
    """Undirected graph of usable ties, cost -log(strength); cached on the projection."""
    cache: dict[tuple[date, int], nx.Graph[str]] = graph.graph.setdefault("warm_path_search", {})
    key = (today, stale_days)
    if key not in cache:
        cache[key] = _search_graph(graph, today, stale_days)
    return cache[key]


def _search_graph(graph: nx.DiGraph[str], today: date, stale_days: int) -> nx.Graph[str]:
    search: nx.Graph[str] = nx.Graph()
    search.add_nodes_from(graph.nodes)
    for u, v, data in graph.edges(data=True):
        ties: list[Tie] = data.get("ties") or []
        best = _best(ties, today, stale_days)
        if best is None:
            continue
        cost = -math.log(max(best[0], 1e-9))
        if not search.has_edge(u, v) or search.edges[u, v]["cost"] > cost:
            search.add_edge(u, v, cost=cost, tie=best[1], strength=best[0])
    return search


def _best(ties: Collection[Tie], today: date, stale_days: int) -> tuple[float, Tie] | None:
    scored = [
        (min(1.0, base_weight(t) * recency(t.seen, today)), t)
        for t in ties
        if usable(t, today, stale_days)
    ]
    return max(scored, key=lambda pair: pair[0], default=None)


def _explain(graph: nx.DiGraph[str], search: nx.Graph[str], path: tuple[str, ...]) -> WarmPath:
    hops: list[Hop] = []
    for u, v in pairwise(path):
        data = search.edges[u, v]
        hops.append(Hop(u, v, describe(graph, data["tie"]), round(data["strength"], 4)))
    return WarmPath(path, tuple(hops))


def describe(graph: nx.DiGraph[str], tie: Tie) -> str:
    """A tie in words, e.g. 'Ada knows Tom (friend, strength 0.8)'."""
    a = graph.nodes[tie.source].get("name", tie.source)
    b = graph.nodes[tie.target].get("name", tie.target)
    if tie.type == "COVERS":
        return f"{a} covers {b} ({tie.kind})"
    if tie.type == "KNOWS":
        strength = f", strength {tie.value:g}" if tie.value is not None else ""
        return f"{a} knows {b} ({tie.kind}{strength})"
    if tie.type == "REPORTS_TO":
        return f"{a} reports to {b}"
    return f"{a} influences {b}" + (f" (weight {tie.value:g})" if tie.value is not None else "")
