"""The analysis graph the pages share: the same weights as the projection, held in arrays.

A NetworkX projection of 100,000 people and a million ties takes more than a gigabyte and
most of a minute to build. The pages need two things from it, warm paths to one person and
the influence around one DMU, and both look at a small part of it. :class:`CompactGraph`
holds exactly what those two need, computed once for a day:

- the *search graph* of warm paths: one undirected edge per pair of nodes, carrying the
  best usable tie between them and its cost (:func:`kamgraph.analytics.paths.hop_cost`), as
  :func:`kamgraph.analytics.paths.search_graph` makes it;
- the *influence graph*: the weighted directed edges of
  :func:`kamgraph.analytics.projection.build` among people.

Both are compressed sparse rows (numpy), so a national graph fits in tens of megabytes and
a query reads only the rows of the nodes it visits. The algorithms are the reference ones
(:func:`kamgraph.analytics.paths.find`, :func:`kamgraph.analytics.influence.influence`),
run on what is read, so the answers are the NetworkX projection's
(tests/unit/test_compact.py compares them).
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, cast

import networkx as nx
import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix, diags  # pyright: ignore[reportUnknownVariableType]
from scipy.sparse.csgraph import dijkstra  # pyright: ignore[reportUnknownVariableType]

from kamgraph.analytics import paths as paths_alg
from kamgraph.analytics.projection import base_weight, numbered_weights, recency
from kamgraph.models import Tie

__all__ = ["CompactGraph", "build", "sources_of"]

INFLUENCE_TYPES = frozenset({"INFLUENCES", "KNOWS", "REPORTS_TO"})
_TYPES = ("INFLUENCES", "KNOWS", "REPORTS_TO", "COVERS")
REACH_KEPT = 32  # distance fields kept (800 kB each at 100,000 people)

Ints = npt.NDArray[np.int32]
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class _Rows:
    """Compressed sparse rows: node i's entries are [ptr[i], ptr[i + 1])."""

    ptr: npt.NDArray[np.int64]
    nbr: Ints
    value: Floats
    extra: Ints  # the search graph's tie number; unused (empty) elsewhere

    @classmethod
    def of(cls, n: int, src: Ints, dst: Ints, value: Floats, extra: Ints | None = None) -> _Rows:
        order = np.argsort(src, kind="stable")
        ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(src, minlength=n), out=ptr[1:])
        return cls(
            ptr,
            dst[order],
            value[order],
            extra[order] if extra is not None else np.empty(0, np.int32),
        )

    def among(self, nodes: npt.NDArray[np.int64], n: int) -> csr_matrix:
        """The square matrix of the entries between `nodes` (sorted), in their order."""
        position = np.full(n, -1, dtype=np.int64)
        position[nodes] = np.arange(nodes.size)
        starts, counts = self.ptr[nodes], self.ptr[nodes + 1] - self.ptr[nodes]
        offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
        at = np.arange(int(counts.sum())) + offsets
        rows = np.repeat(np.arange(nodes.size), counts)
        cols = position[self.nbr[at]]
        keep = cols >= 0
        size = (nodes.size, nodes.size)
        return csr_matrix((self.value[at][keep], (rows[keep], cols[keep])), shape=size)

    def row(self, i: int) -> tuple[list[int], list[float]]:
        a, b = int(self.ptr[i]), int(self.ptr[i + 1])
        return self.nbr[a:b].tolist(), self.value[a:b].tolist()

    def nbytes(self) -> int:
        return self.ptr.nbytes + self.nbr.nbytes + self.value.nbytes + self.extra.nbytes


@dataclass(frozen=True)
class CompactGraph:
    """People and active team members, and their ties as the pages need them, for `today`."""

    today: date
    ids: list[str]
    index: dict[str, int]
    names: list[str]
    team: frozenset[str]
    search: _Rows  # undirected, usable ties only; extra = tie number
    tie_ends: Ints  # (ties, 2): the chosen tie's source and target node numbers
    tie_type: npt.NDArray[np.int8]
    tie_kind: Ints  # index into kinds, -1 for none
    tie_value: Floats  # nan for none
    tie_strength: Floats
    kinds: list[str]
    moved_by: _Rows  # influence graph: u -> v, "u is moved by v", summed weights
    moves: _Rows  # the same edges reversed, to walk a neighbourhood either way
    _fields: OrderedDict[frozenset[str], Floats] = field(
        default_factory=OrderedDict[frozenset[str], Floats], repr=False
    )
    _fields_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __contains__(self, node: object) -> bool:
        return node in self.index

    def name(self, node: str) -> str:
        return self.names[self.index[node]] if node in self.index else node

    def nbytes(self) -> int:
        """The arrays' size in bytes (the id and name strings come on top)."""
        arrays = (self.tie_ends, self.tie_type, self.tie_kind, self.tie_value, self.tie_strength)
        return sum(a.nbytes for a in arrays) + sum(
            r.nbytes() for r in (self.search, self.moved_by, self.moves)
        )

    def warm_paths(
        self,
        sources: Collection[str],
        target: str,
        *,
        k: int = 3,
        max_hops: int = paths_alg.MAX_HOPS,
    ) -> list[paths_alg.WarmPath]:
        """:func:`kamgraph.analytics.paths.warm_paths` on this graph (its day's ties)."""
        if target not in self.index:
            raise paths_alg.NoPath(f"{target} is not in the graph")
        ids, index = self.ids, self.index
        team = frozenset(s for s in sources if s in self.team)
        field = self.reach(team)

        def neighbours(node: str) -> Iterator[tuple[str, float]]:
            nbr, cost = self.search.row(index[node])
            return zip([ids[j] for j in nbr], cost, strict=True)

        def remaining(node: str) -> float:
            return float(field[index[node]])

        return paths_alg.find(
            neighbours,
            self._hop,
            self.name,
            team,
            target,
            k=k,
            max_hops=max_hops,
            remaining=remaining,
        )

    def recent_sources(self) -> list[frozenset[str]]:
        """The teams whose distance fields are kept, least recently used first."""
        with self._fields_lock:
            return list(self._fields)

    def reach(self, sources: frozenset[str]) -> Floats:
        """The cost of the best chain from `sources` to every node (``inf``: none).

        It never passes through a team member, so it is a lower bound of what is left of
        any warm path from a node: the A* that finds warm paths then visits only the
        people between the target and the team. One C Dijkstra (scipy) over the graph,
        kept for the last few teams asked about (a team of one: a KAM's own paths).
        """
        with self._fields_lock:
            held = self._fields.get(sources)
            if held is not None:
                self._fields.move_to_end(sources)
                return held
        starts = [self.index[s] for s in sources]
        if starts:
            field = cast(Floats, dijkstra(self._into_people, indices=starts, min_only=True))
        else:
            field = np.full(len(self.ids), np.inf)
        with self._fields_lock:
            self._fields[sources] = field
            while len(self._fields) > REACH_KEPT:
                self._fields.popitem(last=False)
        return field

    @cached_property
    def _into_people(self) -> csr_matrix:
        """The search graph as a sparse matrix without the edges into team members."""
        n = len(self.ids)
        counts = np.diff(self.search.ptr)
        rows = np.repeat(np.arange(n, dtype=np.int32), counts)
        team = np.zeros(n, dtype=bool)
        team[[self.index[t] for t in self.team]] = True
        keep = ~team[self.search.nbr]
        # A zero cost (a tie of strength 1) would read as "no edge" in a sparse matrix.
        cost = np.maximum(self.search.value[keep], 1e-12)
        return csr_matrix((cost, (rows[keep], self.search.nbr[keep])), shape=(n, n))

    def _hop(self, u: str, v: str) -> tuple[Tie, float]:
        i, j = self.index[u], self.index[v]
        a, b = int(self.search.ptr[i]), int(self.search.ptr[i + 1])
        at = a + int(np.flatnonzero(self.search.nbr[a:b] == j)[0])
        t = int(self.search.extra[at])
        source, target = (self.ids[int(e)] for e in self.tie_ends[t])
        kind = int(self.tie_kind[t])
        value = float(self.tie_value[t])
        tie = Tie(
            source,
            target,
            _TYPES[int(self.tie_type[t])],
            self.kinds[kind] if kind >= 0 else None,
            None if math.isnan(value) else value,
        )
        return tie, float(self.tie_strength[t])

    def moved_by_ids(self, node: str) -> list[str]:
        """The people `node` is moved by (its influence graph's edges out)."""
        if node not in self.index:
            return []
        return [self.ids[j] for j in self.moved_by.row(self.index[node])[0]]

    def neighbourhood_influence(
        self, members: Collection[str], *, radius: int = 2
    ) -> dict[str, float]:
        """:func:`kamgraph.analytics.influence.neighbourhood_influence` on this graph."""
        present = [m for m in members if m in self.index and m not in self.team]
        if not present:
            return {}
        near = {self.index[m] for m in present}
        frontier = set(near)
        for _ in range(radius):
            step: set[int] = set()
            for i in frontier:
                step.update(self.moved_by.row(i)[0])
                step.update(self.moves.row(i)[0])
            frontier = step - near
            near |= frontier
        nodes = np.fromiter(sorted(near), dtype=np.int64, count=len(near))
        scores = _pagerank(
            self.moved_by.among(nodes, len(self.ids)),
            np.isin(nodes, [self.index[m] for m in present]),
        )
        return {self.ids[int(i)]: float(x) for i, x in zip(nodes, scores, strict=True)}


def _pagerank(
    matrix: csr_matrix,
    personal: npt.NDArray[np.bool_],
    *,
    alpha: float = 0.85,
    max_iter: int = 100,
    tol: float = 1.0e-6,
) -> Floats:
    """networkx.pagerank's own iteration (networkx 3), on a matrix already in hand.

    The same steps in the same order as the reference (row-normalise, restart and
    dangling mass on the personalisation vector, stop at ``n * tol``), so the scores
    agree with it to rounding; building a NetworkX graph of the neighbourhood first
    cost more than the walk.
    """
    n = int(personal.size)
    out = cast(Floats, np.asarray(matrix.sum(axis=1), dtype=np.float64).ravel())
    nonzero = out != 0
    out[nonzero] = 1.0 / out[nonzero]
    walk = csr_matrix(cast(Any, diags)(out) @ matrix)
    p = personal.astype(np.float64)
    p /= p.sum()
    dangling = np.flatnonzero(~nonzero)
    x: Floats = np.repeat(1.0 / n, n)
    for _ in range(max_iter):
        last = x
        x = cast(Floats, alpha * (x @ walk + x[dangling].sum() * p) + (1 - alpha) * p)
        if np.absolute(x - last).sum() < n * tol:
            return x
    raise nx.PowerIterationFailedConvergence(max_iter)


def build(
    people: Iterable[Mapping[str, Any]],
    team: Iterable[Mapping[str, Any]],
    ties: Sequence[Tie],
    *,
    today: date,
    stale_days: int = paths_alg.STALE_DAYS,
) -> CompactGraph:
    """The compact graph of `people` (rows with id and name), `team` (active users) and
    `ties` of the warm-path types, as of `today`."""
    ids: list[str] = []
    names: list[str] = []
    for row in people:
        ids.append(str(row["id"]))
        names.append(str(row.get("name") or row["id"]))
    n_people = len(ids)
    team_ids: list[str] = []
    for row in team:
        team_ids.append(str(row["id"]))
        ids.append(str(row["id"]))
        names.append(str(row.get("name") or row["id"]))
    index = {node: i for i, node in enumerate(ids)}
    best: dict[tuple[int, int], tuple[float, Tie]] = {}
    for tie in ties:
        if tie.until is not None and tie.until < today:
            continue
        u, v = index.get(tie.source), index.get(tie.target)
        if u is None or v is None:
            continue
        if paths_alg.usable(tie, today, stale_days):
            strength = min(1.0, base_weight(tie) * recency(tie.seen, today))
            pair = (u, v) if u < v else (v, u)
            held = best.get(pair)
            if held is None or strength > held[0]:
                best[pair] = (strength, tie)
    weights = numbered_weights(ties, index, today=today, types=INFLUENCE_TYPES, below=n_people)
    return _arrays(today, ids, index, names, frozenset(team_ids), best, weights)


def _arrays(
    today: date,
    ids: list[str],
    index: dict[str, int],
    names: list[str],
    team: frozenset[str],
    best: dict[tuple[int, int], tuple[float, Tie]],
    weights: dict[tuple[int, int], float],
) -> CompactGraph:
    n = len(ids)
    kinds: list[str] = []
    kind_no: dict[str, int] = {}
    pairs = np.array(list(best), dtype=np.int32).reshape(-1, 2)
    count = len(best)
    tie_ends = np.empty((count, 2), dtype=np.int32)
    tie_type = np.empty(count, dtype=np.int8)
    tie_kind = np.empty(count, dtype=np.int32)
    tie_value = np.empty(count, dtype=np.float64)
    tie_strength = np.empty(count, dtype=np.float64)
    for t, (strength, tie) in enumerate(best.values()):
        tie_ends[t] = (index[tie.source], index[tie.target])
        tie_type[t] = _TYPES.index(tie.type)
        tie_kind[t] = -1 if tie.kind is None else kind_no.setdefault(tie.kind, len(kind_no))
        tie_value[t] = math.nan if tie.value is None else tie.value
        tie_strength[t] = strength
    kinds = list(kind_no)
    cost = -np.log(np.maximum(tie_strength, 1e-9)) + paths_alg.HOP_COST  # paths.hop_cost
    numbers = np.arange(count, dtype=np.int32)
    search = _Rows.of(
        n,
        np.concatenate([pairs[:, 0], pairs[:, 1]]),
        np.concatenate([pairs[:, 1], pairs[:, 0]]),
        np.concatenate([cost, cost]),
        np.concatenate([numbers, numbers]),
    )
    edges = np.array(list(weights), dtype=np.int32).reshape(-1, 2)
    w = np.fromiter(weights.values(), dtype=np.float64, count=len(weights))
    moved_by = _Rows.of(n, edges[:, 0], edges[:, 1], w)
    moves = _Rows.of(n, edges[:, 1], edges[:, 0], w)
    return CompactGraph(
        today,
        ids,
        index,
        names,
        team,
        search,
        tie_ends,
        tie_type,
        tie_kind,
        tie_value,
        tie_strength,
        kinds,
        moved_by,
        moves,
    )


def sources_of(graph: CompactGraph, user_id: str | None) -> Sequence[str]:
    """Where warm paths may start: one team member, or the whole team."""
    if user_id is None:
        return sorted(graph.team)
    return [user_id] if user_id in graph.team else []
