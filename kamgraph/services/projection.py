"""The analysis graph as the analyses read it: projected from Neo4j (cached), scoped, and
influence around some people computed on it. The one service module the analyses share."""

from __future__ import annotations

import gc
import re
import threading
from collections.abc import Callable, Generator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

import neo4j
import networkx as nx

from kamgraph import clock
from kamgraph.analytics import influence as influence_alg
from kamgraph.analytics.projection import (
    EVENT_TYPES,
    TYPES,
    build,
    co_attendance,
    neighbourhood,
    restrict,
)
from kamgraph.errors import Invalid, NotFound
from kamgraph.i18n import N_
from kamgraph.models import DEFAULT_EDGES, SEGMENTS
from kamgraph.repository import graph as graph_repo
from kamgraph.repository import segments as segments_repo

# A current job title that gives a formal say (hidden influencers have none).
_SENIOR = re.compile(
    r"^(head of|chief|director|deputy minister|minister|dean|president|chair)"
    r"|(director|minister|chairman|chairwoman|chair)$",
    re.IGNORECASE,
)

EMPTY = "the graph is empty: import data or run `kamgraph seed demo` first"
SCOPE_KINDS = ("org", "region", "tender")


@dataclass(frozen=True)
class Named:
    """A person an analysis names: id and name."""

    id: str
    name: str


def is_senior(job_titles: Sequence[str]) -> bool:
    """Whether any current job title is a senior, decision-making one."""
    return any(_SENIOR.search(title.strip()) for title in job_titles)


def parse_edges(text: str | None, analysis: str) -> tuple[str, ...]:
    """`--edges KNOWS,INFLUENCES` as a checked tuple, or the analysis's default. ATTENDED and
    SPOKE_AT (ties to events) stand for co-attendance between people."""
    if not text:
        return DEFAULT_EDGES[analysis]
    chosen = tuple(part.strip().upper() for part in text.split(",") if part.strip())
    known = (*TYPES, *EVENT_TYPES)
    unknown = [t for t in chosen if t not in known]
    if unknown or not chosen:
        msg = f"unknown relationship type {', '.join(unknown) or text!r}; use {', '.join(known)}"
        raise Invalid(msg)
    return chosen


@dataclass(frozen=True)
class _Key:
    token: str
    types: tuple[str, ...]
    weighted: bool
    today: date


class ProjectionCache:
    """Projections by (database change token, types, weighting, day); a write empties it."""

    def __init__(self, size: int = 4) -> None:
        self._size = size
        self._items: dict[_Key, nx.DiGraph[str]] = {}
        self._lock = threading.Lock()

    def get(self, key: _Key, make: Callable[[], nx.DiGraph[str]]) -> nx.DiGraph[str]:
        with self._lock:
            if key in self._items:
                return self._items[key]
        made = make()
        with self._lock:
            stale = [k for k in self._items if k.token != key.token]
            for old in stale:
                del self._items[old]
            while len(self._items) >= self._size:
                del self._items[next(iter(self._items))]
            self._items[key] = made
        return made


CACHE = ProjectionCache()


def projection(
    session: neo4j.Session,
    types: Sequence[str],
    *,
    weighted: bool = True,
    today: date | None = None,
    cache: ProjectionCache = CACHE,
) -> nx.DiGraph[str]:
    """The analysis graph for `types`, from the cache unless the database changed since."""
    day = today or clock.today()
    key = _Key(graph_repo.change_token(session), tuple(sorted(types)), weighted, day)

    def make() -> nx.DiGraph[str]:
        with no_cyclic_gc():
            return _make()

    def _make() -> nx.DiGraph[str]:
        person_types = [t for t in key.types if t not in EVENT_TYPES]
        event_types = [t for t in key.types if t in EVENT_TYPES]
        people, team, ties = graph_repo.projection_rows(session, person_types, day)
        if event_types:
            events = graph_repo.event_participants(session, event_types, day)
            ties += co_attendance((e.id, e.day, e.people) for e in events)
        nodes = [
            {
                "id": p["id"],
                "name": p["name"] or p["id"],
                "organizations": p["organizations"],
                "roles": p["roles"],
                "has_role": bool(p["roles"]),
                "senior": is_senior(p["job_titles"]),
            }
            for p in people
        ]
        if "COVERS" in key.types:
            nodes += [{"id": u["id"], "name": u["name"], "team": True} for u in team]
        keep_ties = "COVERS" in key.types  # only warm paths explain their hops
        return build(nodes, ties, today=day, weighted=weighted, keep_ties=keep_ties)

    return cache.get(key, make)


@contextmanager
def no_cyclic_gc() -> Generator[None]:
    """Pause the cyclic garbage collector while millions of acyclic objects are made.

    Every allocation burst otherwise triggers collections that rescan the growing graph;
    pausing them cuts the projection time by about a third at a million ties.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def scoped(session: neo4j.Session, graph: nx.DiGraph[str], scope: str | None) -> nx.DiGraph[str]:
    """The part of the graph a scope names: org:ID (its people, parts included),
    region:NAME (people working there), tender:ID (the DMU and two ties around it)."""
    if not scope:
        return graph
    kind, _, value = scope.partition(":")
    if kind not in SCOPE_KINDS or not value:
        raise Invalid(f"scope {scope!r}: use org:ID, region:NAME or tender:ID")
    if kind == "tender":
        people = neighbourhood(graph, dmu(session, value), radius=2)
    else:
        org, region = (value, None) if kind == "org" else (None, value)
        people = set(graph_repo.scope_people(session, org=org, region=region))
    if not people:
        raise Invalid(f"nobody in scope {scope!r}")
    return restrict(graph, people)


def dmu(session: neo4j.Session, tender_id: str) -> list[str]:
    """The ids of a tender's DMU members; NotFound if there is no such tender."""
    found = graph_repo.tender_dmu(session, tender_id, clock.today())
    if found is None:
        raise NotFound(N_("There is no tender %(id)s."), id=repr(tender_id))
    return [m.id for m in found.members]


def in_segment(
    session: neo4j.Session, ids: Sequence[str], segment: str | None
) -> Callable[[str], bool]:
    """Whether a person is in stakeholder `segment` (models.SEGMENTS), for the analyses'
    `--segment`: their output keeps those people only (the analysis itself is unchanged).
    Without a segment, everyone is in."""
    if segment is None:
        return lambda _node: True
    if segment not in SEGMENTS:
        raise Invalid(
            N_("unknown segment %(segment)s: use one of %(choices)s"),
            segment=repr(segment),
            choices=", ".join(SEGMENTS),
        )
    found = segments_repo.members(session, ids, segment)
    return found.__contains__


def person(graph: nx.DiGraph[str], node: str) -> Named:
    """A node of the analysis graph, named."""
    return Named(node, str(graph.nodes[node].get("name", node)))


def check_not_empty(graph: nx.DiGraph[str]) -> None:
    """Invalid, in words, if the graph has nobody in it."""
    if graph.number_of_nodes() == 0:
        raise Invalid(EMPTY)


Near = Callable[[Sequence[str]], dict[str, Any]]
"""Influence around some people: ``{"scores": {id: score}, "as_of": ISO time or None,
"outside": influencers outside them (influence.outside_influencers, with names)}``, and
``"unavailable"``: why not, when the analysis worker did not answer."""


def near_locally(session: neo4j.Session) -> Near:
    """Influence around people from a projection built here (the CLI's way)."""

    def near(members: Sequence[str]) -> dict[str, Any]:
        graph = projection(session, DEFAULT_EDGES["influence"])
        scores = influence_alg.neighbourhood_influence(graph, members)
        outside = influence_alg.outside_influencers(
            scores, members, lambda n: graph.succ[n], lambda n: graph.nodes[n].get("name", n)
        )
        return {"scores": scores, "as_of": None, "outside": outside}

    return near
