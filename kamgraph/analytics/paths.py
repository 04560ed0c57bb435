"""Warm introduction paths: the strongest chains of trust from our team to a target person."""

from __future__ import annotations

import dataclasses
import heapq
import math
from collections.abc import Callable, Collection, Container, Iterable
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

import networkx as nx

from kamgraph.analytics.projection import base_weight, recency
from kamgraph.models import Tie

__all__ = [
    "HOP_FACTOR",
    "Hop",
    "NoPath",
    "WarmPath",
    "describe",
    "find",
    "hop_cost",
    "search_graph",
    "usable",
    "warm_paths",
]

MAX_HOPS = 6
STALE_DAYS = 3 * 365  # a tie not seen for three years is no basis for an introduction
# Every step of a chain is a favour asked of someone: a path's warmth is the product of its
# ties' strengths, halved for each step. So my own loyal contact who is the target's boss
# (two steps: 0.75 x 0.6 / 4 = 0.11) comes before a four-step chain of strong ties
# (0.9^4 / 16 = 0.04), as a KAM would try them.
HOP_FACTOR = 0.5
HOP_COST = -math.log(HOP_FACTOR)


class NoPath(LookupError):
    """Nobody on the team reaches the target through usable ties."""


@dataclass(frozen=True)
class Hop:
    """One step and the tie that carries it, in words (English; `tie` for a page to say it
    in the reader's language)."""

    source: str
    target: str
    how: str
    strength: float
    tie: Tie | None = None


@dataclass(frozen=True)
class WarmPath:
    """A chain from a team member to the target; strength is the product of its hops',
    warmth the strength halved for each hop (what the paths are ranked by)."""

    nodes: tuple[str, ...]
    hops: tuple[Hop, ...]

    @property
    def strength(self) -> float:
        return math.prod(hop.strength for hop in self.hops)

    @property
    def warmth(self) -> float:
        return self.strength * HOP_FACTOR ** len(self.hops)


def hop_cost(strength: float) -> float:
    """The search cost of one step over a tie of `strength`: ``-log(strength * HOP_FACTOR)``,
    so that the cheapest path is the warmest."""
    return -math.log(max(strength, 1e-9)) + HOP_COST


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
    """The `k` strongest paths of at most `max_hops` hops from `sources` to `target`.

    A hop's strength is its best usable tie's weight (base x recency, see
    :mod:`kamgraph.analytics.projection`); a path's strength is the product, so one weak
    link weakens the whole chain, and paths are ranked by warmth, the strength halved for
    every hop (HOP_FACTOR): short paths through people the KAM knows well first. Hostile
    (rival) and stale ties are skipped, and a path never runs through another team member.
    Direction is ignored: an introduction can go either way along a tie.

    The paths enter the target's circle through different people: the strongest chain
    through each first contact, best first. That is what a KAM can act on ("through Ada,
    or else through Bo"), and it is found by one Dijkstra search from the target that
    stops as soon as the k best are settled, so it stays fast on a national graph.

    Raises
    ------
    NoPath
        If no source reaches the target within `max_hops`.

    Examples
    --------
    >>> from kamgraph.analytics.projection import build
    >>> day = date(2026, 1, 1)
    >>> g = build([{"id": "kam", "name": "Kira", "team": True}, {"id": "a", "name": "Ada"},
    ...            {"id": "t", "name": "Tom"}],
    ...           [Tie("kam", "a", "COVERS", kind="loyalty"),
    ...            Tie("a", "t", "KNOWS", kind="friend", value=0.8)], today=day)
    >>> [hop.how for hop in warm_paths(g, ["kam"], "t", today=day)[0].hops]
    ['Kira covers Ada (loyalty)', 'Ada knows Tom (friend, strength 0.8)']
    """
    if target not in graph:
        raise NoPath(f"{target} is not in the graph")
    search = search_graph(graph, today, stale_days)
    adjacency = search.adj
    names = graph.nodes

    team = set(sources)
    others = {n for n, is_team in names(data="team") if is_team} - team  # never a way through

    def neighbours(node: str) -> Iterable[tuple[str, float]]:
        return ((v, data["cost"]) for v, data in adjacency[node].items() if v not in others)

    def hop(u: str, v: str) -> tuple[Tie, float]:
        data = search.edges[u, v]
        return data["tie"], data["strength"]

    return find(
        neighbours, hop, lambda n: names[n].get("name", n), team, target, k=k, max_hops=max_hops
    )


Neighbours = Callable[[str], Iterable[tuple[str, float]]]
HopTie = Callable[[str, str], tuple[Tie, float]]


def find(
    neighbours: Neighbours,
    hop: HopTie,
    name: Callable[[str], str],
    team: Container[str],
    target: str,
    *,
    k: int,
    max_hops: int,
    remaining: Callable[[str], float] | None = None,
) -> list[WarmPath]:
    """Warm paths over any graph: `neighbours(node)` gives (neighbour, cost) for usable
    ties, `hop(u, v)` the tie that carries a step and its strength, `name(node)` a name.

    `remaining(node)`, if given, is a lower bound of the cost from `node` to the team
    (``inf`` where the team cannot be reached). The search is then A* instead of
    Dijkstra: it visits only people on the way to the team, and finds the same paths.

    :func:`warm_paths` runs it on a NetworkX projection and
    :mod:`kamgraph.analytics.compact` on arrays; both give the same paths.
    """
    if target in team:
        return []
    found = _best_entries(
        neighbours, team, target, k=k, max_hops=max_hops, remaining=remaining or _nothing_left
    )
    if not found:
        raise NoPath(
            f"no warm path: nobody on the team is connected to {name(target)} "
            f"within {max_hops} hops"
        )
    return [_explain(hop, name, path) for path in found]


def _nothing_left(_node: str) -> float:
    return 0.0


def _best_entries(
    neighbours: Neighbours,
    team: Container[str],
    target: str,
    *,
    k: int,
    max_hops: int,
    remaining: Callable[[str], float],
) -> list[tuple[str, ...]]:
    """Dijkstra (A* with `remaining`) outward from the target; each settled person with a
    team member beside them is an entry point. Stops once no unsettled person can beat
    the k-th entry."""
    distance: dict[str, float] = {target: 0.0}
    hops: dict[str, int] = {target: 0}
    previous: dict[str, str] = {}
    settled: set[str] = set()
    entries: list[tuple[float, str, str]] = []  # (cost, team member, first contact)
    queue: list[tuple[float, str]] = [(remaining(target), target)]
    while queue:
        bound, node = heapq.heappop(queue)
        if node in settled:
            continue
        if len(entries) >= k and bound >= entries[k - 1][0]:
            break  # a cover costs >= 0, so no later entry can be stronger
        settled.add(node)
        cost = distance[node]
        for neighbour, step_cost in neighbours(node):
            step = cost + step_cost
            if neighbour in team:
                if hops[node] + 1 <= max_hops:
                    entries.append((step, neighbour, node))
                    entries.sort()
                    del entries[k:]
                continue
            if neighbour in settled or hops[node] + 1 >= max_hops:
                continue
            if step < distance.get(neighbour, math.inf):
                left = remaining(neighbour)
                if left == math.inf:
                    continue  # the team cannot be reached from there
                distance[neighbour] = step
                hops[neighbour] = hops[node] + 1
                previous[neighbour] = node
                heapq.heappush(queue, (step + left, neighbour))
    paths: list[tuple[str, ...]] = []
    for _, member, contact in entries:
        chain = [contact]
        while chain[-1] != target:
            chain.append(previous[chain[-1]])
        paths.append((member, *chain))
    return paths


def search_graph(graph: nx.DiGraph[str], today: date, stale_days: int) -> nx.Graph[str]:
    """Undirected graph of usable ties, cost hop_cost(strength); cached on the projection."""
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
        cost = hop_cost(best[0])
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


def _explain(hop: HopTie, name: Callable[[str], str], path: tuple[str, ...]) -> WarmPath:
    hops: list[Hop] = []
    for u, v in pairwise(path):
        tie, strength = hop(u, v)
        if tie.type in ("KNOWS", "ATTENDED") and tie.source == v:  # mutual: in path order
            tie = dataclasses.replace(tie, source=u, target=v)
        hops.append(Hop(u, v, describe(tie, name), round(strength, 4), tie))
    return WarmPath(path, tuple(hops))


def describe(tie: Tie, name: Callable[[str], str]) -> str:
    """A tie in words, e.g. 'Ada knows Tom (friend, strength 0.8)'."""
    a, b = name(tie.source), name(tie.target)
    if tie.type == "COVERS":
        return f"{a} covers {b} ({tie.kind})"
    if tie.type == "KNOWS":
        strength = f", strength {tie.value:g}" if tie.value is not None else ""
        return f"{a} knows {b} ({tie.kind}{strength})"
    if tie.type == "REPORTS_TO":
        return f"{a} reports to {b}"
    if tie.type == "ATTENDED":  # co-attendance (projection.co_attendance): kind is the event
        return f"{a} met {b} at event {tie.kind}"
    return f"{a} influences {b}" + (f" (weight {tie.value:g})" if tie.value is not None else "")
