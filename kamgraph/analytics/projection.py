"""Build the NetworkX graph the analyses run on, from plain rows, with documented weights.

Imports networkx only; the rows come from kamgraph.repository.graph (one streaming read).

Edge weights
------------
Every tie starts from a base in [0, 1]:

- ``INFLUENCES``: its ``weight``; ``KNOWS``: its ``strength``; missing values count 0.5;
- ``REPORTS_TO``: 0.6 (a working tie);
- ``COVERS`` (our team to a person): the ladder stage, contact 0.25, acquaintance 0.5,
  loyalty 0.75, near_friendship 1.0.

and, in the edge weight, by a type factor: ``KNOWS`` counts a fifth (knowing someone is
weaker evidence of sway than an explicit ``INFLUENCES`` tie, and acquaintance is dense), the
others count fully. Warm paths use the base alone: for an introduction, knowing is the point.
Then it is multiplied by its recency, ``2 ** (-age_days / 730)`` clipped to [0.25, 1], where the
age runs from the latest of ``recorded_at`` and ``since`` to today (a tie seen two years ago
counts half). A tie whose ``until`` has passed has ended and is left out. With
``weighted=False`` every kept tie weighs 1.

Warm paths rank chains by *warmth*: the product of their ties' strengths (the base times
recency, capped at 1), halved for every step (:data:`kamgraph.analytics.paths.HOP_FACTOR`),
so that the target's boss whom the KAM knows at "loyalty" (0.75 x 0.6 / 4) comes before a
four-step chain of strong ties (0.9^4 / 16), as a KAM would try them.

Co-attendance (``ATTENDED``, ``SPOKE_AT``: people's ties to events, asked for with
``--edges ATTENDED``) becomes person-person ties by Newman's collaboration weighting (a
bipartite projection, as ``networkx.algorithms.bipartite.collaboration_weighted_projected_graph``):
each event that ``n`` of the people took part in (by any of the chosen event types) gives
each pair of them ``1 / (n - 1)``, so a person's pairs at one event add up to 1. A round
table of six binds its people more than a congress of six hundred. Each event's ties are
then weighed like any other tie: the type factor of ``KNOWS`` (meeting at an event is no
stronger evidence than knowing), and recency from the event's last day. Events that have
not begun are left out (nobody has met there yet). An event expands into ``n (n - 1) / 2``
pairs, so co-attendance is asked for by name (``kamgraph analyze influence|brokers|groups|path
--edges KNOWS,ATTENDED``) and is in no analysis's default: the analysis worker and the stored
scores (``analyze refresh``) read the defaults and leave it out. :func:`numbered_weights`
weighs co-attendance ties as :func:`build` does, should they be given it.

Direction: an edge u -> v means "u is moved by v" for influence (``INFLUENCES`` a->b is
stored as b->a, so PageRank credits the influencer), and ``REPORTS_TO`` points at the boss.
``KNOWS`` and ``COVERS`` go both ways. Where two ties join the same pair, their weights add.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

import networkx as nx

from kamgraph.models import Tie

__all__ = [
    "EVENT_TYPES",
    "TYPES",
    "base_weight",
    "build",
    "co_attendance",
    "neighbourhood",
    "numbered_weights",
    "recency",
    "restrict",
]

TYPES = ("INFLUENCES", "KNOWS", "REPORTS_TO", "COVERS")
# Ties to events, projected onto people by co_attendance().
EVENT_TYPES = ("ATTENDED", "SPOKE_AT")
STAGE_WEIGHT = {"contact": 0.25, "acquaintance": 0.5, "loyalty": 0.75, "near_friendship": 1.0}
WORK_TIE = 0.6
DEFAULT_BASE = 0.5
HALF_LIFE_DAYS = 730
MIN_RECENCY = 0.25
TYPE_FACTOR = {"KNOWS": 0.2, "ATTENDED": 0.2}


def recency(seen: date | None, today: date) -> float:
    """How much a tie last seen on `seen` still counts today (1 when unknown)."""
    if seen is None:
        return 1.0
    age = max(0, (today - seen).days)
    return max(MIN_RECENCY, min(1.0, 2 ** (-age / HALF_LIFE_DAYS)))


def base_weight(tie: Tie) -> float:
    """A tie's weight before recency, by type."""
    if tie.type == "COVERS":
        return STAGE_WEIGHT.get(tie.kind or "", DEFAULT_BASE)
    if tie.type == "REPORTS_TO":
        return WORK_TIE
    return DEFAULT_BASE if tie.value is None else float(tie.value)


def co_attendance(events: Iterable[tuple[str, date | None, Sequence[str]]]) -> Iterator[Tie]:
    """Person-person ties from shared events: one ``ATTENDED`` tie per pair and event, its
    value ``1 / (n - 1)`` for an event of ``n`` people (Newman's collaboration weight), seen
    on the event's day and its ``kind`` the event's id.

    Parameters
    ----------
    events : iterable of (event id, day, people)
        Each event's last day and the ids of the people who took part in it.

    Examples
    --------
    >>> ties = co_attendance([("round-table", date(2026, 1, 1), ["a", "b", "c"]),
    ...                       ("dinner", None, ["a", "b"])])
    >>> [(t.source, t.target, t.kind, t.value) for t in ties]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('a', 'b', 'round-table', 0.5), ('a', 'c', 'round-table', 0.5),
     ('b', 'c', 'round-table', 0.5), ('a', 'b', 'dinner', 1.0)]
    """
    for event_id, day, people in events:
        present = sorted(set(people))
        if len(present) < 2:
            continue
        share = 1.0 / (len(present) - 1)
        for i, source in enumerate(present):
            for target in present[i + 1 :]:
                yield Tie(source, target, "ATTENDED", event_id, share, day)


def build(
    people: Iterable[Mapping[str, Any]],
    ties: Iterable[Tie],
    *,
    today: date,
    weighted: bool = True,
    keep_ties: bool = True,
) -> nx.DiGraph[str]:
    """The analysis graph: people (and team members) as nodes, ties as weighted edges.

    Parameters
    ----------
    people : iterable of mappings
        Node rows with at least ``id``; other keys become node attributes.
    ties : iterable of Tie
        Relationships; ended ones (``until`` before ``today``) are skipped.
    today : date
        The day recency is measured from.
    weighted : bool
        False gives every kept tie weight 1.
    keep_ties : bool
        Keep the Tie objects on each edge (warm paths explain hops with them); scores
        do not need them, and at a million ties they cost seconds and memory.

    Returns
    -------
    networkx.DiGraph
        Edge attributes: ``weight``, and ``ties`` (the Tie objects behind the edge) when
        `keep_ties`.

    Examples
    --------
    >>> g = build([{"id": "a"}, {"id": "b"}],
    ...           [Tie("a", "b", "INFLUENCES", value=0.8)], today=date(2026, 1, 1))
    >>> list(g.edges(data="weight"))
    [('b', 'a', 0.8)]
    """
    graph: nx.DiGraph[str] = nx.DiGraph()
    for row in people:
        graph.add_node(row["id"], **{k: v for k, v in row.items() if k != "id"})
    # Edges are gathered in plain dicts first and added in one call: much faster than
    # add_edge per tie at a million ties.
    adjacency: dict[str, dict[str, dict[str, Any]]] = {node: {} for node in graph}
    for tie in ties:
        if tie.until is not None and tie.until < today:
            continue
        factor = TYPE_FACTOR.get(tie.type, 1.0)
        weight = base_weight(tie) * factor * recency(tie.seen, today) if weighted else 1.0
        for u, v in _directed(tie):
            if u not in adjacency or v not in adjacency:
                continue
            data = adjacency[u].get(v)
            if data is None:
                adjacency[u][v] = (
                    {"weight": weight, "ties": [tie]} if keep_ties else {"weight": weight}
                )
            else:
                data["weight"] = data["weight"] + weight if weighted else 1.0
                if keep_ties:
                    data["ties"].append(tie)
    graph.add_edges_from(
        (u, v, data) for u, targets in adjacency.items() for v, data in targets.items()
    )
    return graph


def numbered_weights(
    ties: Iterable[Tie],
    index: Mapping[str, int],
    *,
    today: date,
    types: Collection[str] | None = None,
    below: int | None = None,
) -> dict[tuple[int, int], float]:
    """The weighted edges of :func:`build` between numbered nodes: ``(u, v) -> weight``.

    For the analyses that run on arrays instead of a NetworkX graph (the worker's compact
    graph, the refresh at scale): the same weights, directions and sums, keyed by node
    number. Ties of other `types`, ties to nodes missing from `index` or numbered `below`
    and above, and ended ties are left out.

    Examples
    --------
    >>> numbered_weights([Tie("a", "b", "KNOWS", value=1.0)], {"a": 0, "b": 1},
    ...                  today=date(2026, 1, 1))
    {(0, 1): 0.2, (1, 0): 0.2}
    """
    weights: dict[tuple[int, int], float] = {}
    limit = len(index) if below is None else below
    for tie in ties:
        if (types is not None and tie.type not in types) or (
            tie.until is not None and tie.until < today
        ):
            continue
        u, v = index.get(tie.source, limit), index.get(tie.target, limit)
        if u >= limit or v >= limit:
            continue
        w = base_weight(tie) * TYPE_FACTOR.get(tie.type, 1.0) * recency(tie.seen, today)
        if tie.type == "INFLUENCES":
            pairs: tuple[tuple[int, int], ...] = ((v, u),)
        elif tie.type == "REPORTS_TO":
            pairs = ((u, v),)
        else:
            pairs = ((u, v), (v, u))
        for pair in pairs:
            weights[pair] = weights.get(pair, 0.0) + w
    return weights


def _directed(tie: Tie) -> tuple[tuple[str, str], ...]:
    if tie.type == "INFLUENCES":
        return ((tie.target, tie.source),)
    if tie.type == "REPORTS_TO":
        return ((tie.source, tie.target),)
    return ((tie.source, tie.target), (tie.target, tie.source))


def restrict(graph: nx.DiGraph[str], nodes: Iterable[str]) -> nx.DiGraph[str]:
    """A small real copy of `graph` on `nodes` (with node and edge data).

    Not a subgraph view: iterating a view walks every node of the whole graph, which at a
    national scale costs more than the analysis of a region or a DMU.
    """
    keep = {n for n in nodes if n in graph}
    succ = graph.succ
    local: nx.DiGraph[str] = nx.DiGraph()
    local.add_nodes_from((n, graph.nodes[n]) for n in keep)
    local.add_edges_from((u, v, data) for u in keep for v, data in succ[u].items() if v in keep)
    return local


def neighbourhood(graph: nx.DiGraph[str], members: Iterable[str], radius: int) -> set[str]:
    """The members and everyone within `radius` ties of them, either direction."""
    succ, pred = graph.succ, graph.pred
    near = {m for m in members if m in graph}
    frontier = set(near)
    for _ in range(radius):
        frontier = {n for node in frontier for n in (*succ[node], *pred[node])} - near
        near |= frontier
    return near
