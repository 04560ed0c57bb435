"""Warm paths: the best chains of introductions from our team to a person, each hop
explained; from the CLI's projection or from the analysis worker's graph."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import neo4j

from kamgraph import clock
from kamgraph.analytics import compact
from kamgraph.analytics import paths as paths_alg
from kamgraph.analytics.paths import Hop
from kamgraph.errors import NotFound
from kamgraph.i18n import N_
from kamgraph.models import DEFAULT_EDGES
from kamgraph.services import projection as proj
from kamgraph.services.projection import Named


class NoPath(NotFound):
    """No warm path exists; the message says so in the user's words."""


@dataclass(frozen=True)
class WarmPath:
    """A chain from a team member (the first of `nodes`) to the person."""

    strength: float
    warmth: float
    nodes: list[Named]
    hops: list[Hop]  # analytics.paths.Hop: the tie that carries each step, in words


@dataclass(frozen=True)
class PathsReport:
    """The k best warm paths to `target`, best first; `as_of` when the worker's graph was
    built (None from the CLI's own projection)."""

    target: Named
    paths: list[WarmPath]
    as_of: str | None = None

    def as_json(self) -> dict[str, object]:
        """As the CLI prints it (hops as ``from``/``to``; ``as_of`` only if known)."""
        found: dict[str, object] = {
            "target": {"id": self.target.id, "name": self.target.name},
            "paths": [
                {
                    "strength": p.strength,
                    "warmth": p.warmth,
                    "nodes": [{"id": n.id, "name": n.name} for n in p.nodes],
                    "hops": [
                        {"from": h.source, "to": h.target, "how": h.how, "strength": h.strength}
                        for h in p.hops
                    ],
                }
                for p in self.paths
            ],
        }
        if self.as_of is not None:
            found["as_of"] = self.as_of
        return found


def path_report(
    session: neo4j.Session,
    target: str,
    *,
    from_user: str | None = None,
    k: int = 3,
    types: Sequence[str] = DEFAULT_EDGES["path"],
    weighted: bool = True,
) -> PathsReport:
    """The k best warm paths from the team (or one member) to a person, each hop explained.

    Everything but the change check comes from the cached projection, which holds every
    person and team member, so a warm query costs one round trip to Neo4j.
    """
    if "COVERS" not in types:
        types = ("COVERS", *types)
    graph = proj.projection(session, types, weighted=weighted)
    if target not in graph or graph.nodes[target].get("team"):
        raise NotFound(N_("There is no person %(id)s."), id=repr(target))
    if "team" not in graph.graph:  # computed once per projection, not per query
        graph.graph["team"] = [n for n, is_team in graph.nodes(data="team") if is_team]
    sources: list[str] = graph.graph["team"]
    if from_user is not None:
        if from_user not in sources:
            raise NotFound(N_("There is no colleague %(id)s."), id=repr(from_user))
        sources = [from_user]
    try:
        found = paths_alg.warm_paths(graph, sources, target, today=clock.today(), k=k)
    except paths_alg.NoPath as error:
        raise NoPath(str(error)) from error
    return paths_result(target, lambda n: str(graph.nodes[n].get("name", n)), found)


def compact_report(
    graph: compact.CompactGraph, target: str, *, from_user: str | None, k: int = 3, as_of: str
) -> PathsReport:
    """:func:`path_report`, answered from the analysis worker's graph (built `as_of`)."""
    if target not in graph or target in graph.team:
        raise NotFound(N_("There is no person %(id)s."), id=repr(target))
    sources = compact.sources_of(graph, from_user)
    if from_user is not None and not sources:
        raise NotFound(N_("There is no colleague %(id)s."), id=repr(from_user))
    try:
        found = graph.warm_paths(sources, target, k=k)
    except paths_alg.NoPath as error:
        raise NoPath(str(error)) from error
    return paths_result(target, graph.name, found, as_of=as_of)


def paths_result(
    target: str,
    name: Callable[[str], str],
    found: Sequence[paths_alg.WarmPath],
    *,
    as_of: str | None = None,
) -> PathsReport:
    """Warm paths as the CLI's JSON and the dossier show them."""
    return PathsReport(
        target=Named(target, name(target)),
        paths=[
            WarmPath(
                strength=round(p.strength, 6),
                warmth=round(p.warmth, 6),
                nodes=[Named(n, name(n)) for n in p.nodes],
                hops=list(p.hops),
            )
            for p in found
        ],
        as_of=as_of,
    )
