"""The analyses as the CLI and the pages ask for them: read, project (cached), analyse, label."""

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
from kamgraph.analytics import batch as batch_alg
from kamgraph.analytics import brokers as brokers_alg
from kamgraph.analytics import concentration as concentration_alg
from kamgraph.analytics import coverage as coverage_alg
from kamgraph.analytics import groups as groups_alg
from kamgraph.analytics import influence as influence_alg
from kamgraph.analytics import paths as paths_alg
from kamgraph.analytics import power as power_alg
from kamgraph.analytics.projection import TYPES, build, neighbourhood, restrict
from kamgraph.errors import Invalid, NotFound
from kamgraph.models import DEFAULT_EDGES
from kamgraph.repository import graph as graph_repo
from kamgraph.repository import tenders as tenders_repo

# A current job title that gives a formal say (hidden influencers have none).
_SENIOR = re.compile(
    r"^(head of|chief|director|deputy minister|minister|dean|president|chair)"
    r"|(director|minister|chairman|chairwoman|chair)$",
    re.IGNORECASE,
)


class NoPath(NotFound):
    """No warm path exists; the message says so in the user's words."""


def is_senior(job_titles: Sequence[str]) -> bool:
    """Whether any current job title is a senior, decision-making one."""
    return any(_SENIOR.search(title.strip()) for title in job_titles)


def parse_edges(text: str | None, analysis: str) -> tuple[str, ...]:
    """`--edges KNOWS,INFLUENCES` as a checked tuple, or the analysis's default."""
    if not text:
        return DEFAULT_EDGES[analysis]
    chosen = tuple(part.strip().upper() for part in text.split(",") if part.strip())
    unknown = [t for t in chosen if t not in TYPES]
    if unknown or not chosen:
        msg = f"unknown relationship type {', '.join(unknown) or text!r}; use {', '.join(TYPES)}"
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
        with _no_cyclic_gc():
            return _make()

    def _make() -> nx.DiGraph[str]:
        people, team, ties = graph_repo.projection_rows(session, key.types, day)
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
def _no_cyclic_gc() -> Generator[None]:
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


SCOPE_KINDS = ("org", "region", "tender")


def scoped(session: neo4j.Session, graph: nx.DiGraph[str], scope: str | None) -> nx.DiGraph[str]:
    """The part of the graph a scope names: org:ID (its people, parts included),
    region:NAME (people working there), tender:ID (the DMU and two ties around it)."""
    if not scope:
        return graph
    kind, _, value = scope.partition(":")
    if kind not in SCOPE_KINDS or not value:
        raise Invalid(f"scope {scope!r}: use org:ID, region:NAME or tender:ID")
    if kind == "tender":
        found = graph_repo.tender_dmu(session, value, clock.today())
        if found is None:
            raise NotFound(f"unknown tender id {value!r}")
        people = neighbourhood(graph, [m.id for m in found.members], radius=2)
    else:
        org, region = (value, None) if kind == "org" else (None, value)
        people = set(graph_repo.scope_people(session, org=org, region=region))
    if not people:
        raise Invalid(f"nobody in scope {scope!r}")
    return restrict(graph, people)


def _person(graph: nx.DiGraph[str], node: str, **values: Any) -> dict[str, Any]:
    return {"id": node, "name": graph.nodes[node].get("name", node), **values}


EMPTY = "the graph is empty: import data or run `kamgraph seed demo` first"


def _check_not_empty(graph: nx.DiGraph[str]) -> None:
    if graph.number_of_nodes() == 0:
        raise Invalid(EMPTY)


def influence_report(
    session: neo4j.Session,
    *,
    types: Sequence[str],
    weighted: bool = True,
    top: int = 20,
    scope: str | None = None,
    tender_id: str | None = None,
) -> dict[str, Any]:
    """Top people by PageRank (personalised to a tender's DMU if given); hidden influencers."""
    graph = scoped(session, projection(session, types, weighted=weighted), scope)
    _check_not_empty(graph)
    dmu: list[str] | None = None
    if tender_id is not None:
        found = graph_repo.tender_dmu(session, tender_id, clock.today())
        if found is None:
            raise NotFound(f"unknown tender id {tender_id!r}")
        dmu = [m.id for m in found.members]
    scores = influence_alg.influence(
        graph, personalization=dmu, weight="weight" if weighted else None
    )
    ranked = influence_alg.ranked(scores)
    hidden = set(influence_alg.hidden_influencers(graph, scores, top=top))
    rows = [
        _person(
            graph,
            node,
            rank=rank,
            score=score,
            hidden=node in hidden,
            roles=sorted(set(graph.nodes[node].get("roles") or ())),
        )
        for rank, (node, score) in enumerate(ranked[:top], start=1)
    ]
    return {"rows": rows, "hidden_influencers": [_person(graph, n) for n in sorted(hidden)]}


def brokers_report(
    session: neo4j.Session,
    *,
    types: Sequence[str],
    weighted: bool = False,
    top: int = 20,
    seed: int = 0,
    scope: str | None = None,
) -> dict[str, Any]:
    """Top people by betweenness."""
    graph = scoped(session, projection(session, types, weighted=weighted), scope)
    _check_not_empty(graph)
    scores = brokers_alg.brokers(graph, weighted=weighted, seed=seed)
    ranked = influence_alg.ranked(scores)
    sampled = graph.number_of_nodes() > brokers_alg.EXACT_LIMIT
    rows = [_person(graph, n, rank=i, score=s) for i, (n, s) in enumerate(ranked[:top], 1)]
    return {"rows": rows, "sampled": sampled}


def groups_report(
    session: neo4j.Session,
    *,
    types: Sequence[str],
    weighted: bool = True,
    top: int = 20,
    seed: int = 0,
    scope: str | None = None,
) -> dict[str, Any]:
    """Decision-making groups, largest first, with their labels."""
    graph = scoped(session, projection(session, types, weighted=weighted), scope)
    _check_not_empty(graph)
    found = groups_alg.groups(graph, weight="weight" if weighted else None, seed=seed)
    rows = [
        {
            "group": g.number,
            "label": g.label,
            "size": len(g.members),
            "members": [_person(graph, m) for m in g.members],
        }
        for g in found[:top]
    ]
    return {"rows": rows, "groups": len(found)}


def power_report(
    session: neo4j.Session,
    tender_id: str,
    *,
    what_if: tuple[str, str] | None = None,
    near: Near | None = None,
) -> dict[str, Any]:
    """A tender's influence-weighted balance of stances, and optionally a what-if."""
    found = graph_repo.tender_dmu(session, tender_id, clock.today())
    if found is None:
        raise NotFound(f"unknown tender id {tender_id!r}")
    if not found.members:
        raise Invalid(f"tender {tender_id!r} has no DMU members recorded (ROLE_IN)")
    members = [power_alg.Member(m.id, m.name, m.role, m.stance) for m in found.members]
    around = (near or near_locally(session))([m.id for m in members])
    if around.get("unavailable"):
        raise Invalid(around["unavailable"])
    scores: dict[str, float] = around["scores"]
    now = power_alg.balance(members, scores)
    result: dict[str, Any] = {
        "tender": found.tender,
        "balance": _balance(now, members),
        "as_of": around["as_of"],
    }
    if what_if is not None:
        person, stance = what_if
        try:
            _, moved = power_alg.what_if(members, scores, person, stance)
        except ValueError as error:
            raise Invalid(str(error)) from error
        result["what_if"] = {
            "person": person,
            "stance": stance,
            "balance": _balance(moved, members),
        }
    return result


def _balance(result: power_alg.Balance, members: Sequence[power_alg.Member]) -> dict[str, Any]:
    return {
        "index": result.index,
        "forecast": result.forecast,
        "support_share": round(result.support_share, 6),
        "by_stance": {k: round(v, 6) for k, v in result.by_stance.items()},
        "members": [
            {
                "id": m.id,
                "name": m.name,
                "role": m.role,
                "stance": m.stance,
                "weight": round(result.weights[m.id], 6),
            }
            for m in members
        ],
    }


def path_report(
    session: neo4j.Session,
    target: str,
    *,
    from_user: str | None = None,
    k: int = 3,
    types: Sequence[str] = DEFAULT_EDGES["path"],
    weighted: bool = True,
) -> dict[str, Any]:
    """The k best warm paths from the team (or one member) to a person, each hop explained.

    Everything but the change check comes from the cached projection, which holds every
    person and team member, so a warm query costs one round trip to Neo4j.
    """
    if "COVERS" not in types:
        types = ("COVERS", *types)
    graph = projection(session, types, weighted=weighted)
    if target not in graph or graph.nodes[target].get("team"):
        raise NotFound(f"unknown person id {target!r}")
    if "team" not in graph.graph:  # computed once per projection, not per query
        graph.graph["team"] = [n for n, is_team in graph.nodes(data="team") if is_team]
    sources: list[str] = graph.graph["team"]
    if from_user is not None:
        if from_user not in sources:
            raise NotFound(f"unknown team member id {from_user!r}")
        sources = [from_user]
    try:
        found = paths_alg.warm_paths(graph, sources, target, today=clock.today(), k=k)
    except paths_alg.NoPath as error:
        raise NoPath(str(error)) from error
    return paths_result(target, lambda n: str(graph.nodes[n].get("name", n)), found)


def paths_result(
    target: str, name: Callable[[str], str], found: Sequence[paths_alg.WarmPath]
) -> dict[str, Any]:
    """Warm paths as the CLI's JSON and the dossier show them."""
    return {
        "target": {"id": target, "name": name(target)},
        "paths": [
            {
                "strength": round(p.strength, 6),
                "warmth": round(p.warmth, 6),
                "nodes": [{"id": n, "name": name(n)} for n in p.nodes],
                "hops": [
                    {"from": h.source, "to": h.target, "how": h.how, "strength": h.strength}
                    for h in p.hops
                ],
            }
            for p in found
        ],
    }


Near = Callable[[Sequence[str]], dict[str, Any]]
"""Influence around some people: ``{"scores": {id: score}, "as_of": ISO time or None,
"outside": influencers outside them (influence.outside_influencers, with names)}``."""


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


def coverage_fields(r: coverage_alg.CoverageRow) -> dict[str, Any]:
    """What every coverage table shows of a row: who covers the person, the last contact,
    the days since, and the flags."""
    return {
        "covered_by": [
            {"id": c.user_id, "name": c.user_name, "stage": c.stage} for c in r.member.covers
        ],
        "last_contact": r.member.last_contact.isoformat() if r.member.last_contact else None,
        "days_since_contact": r.days_since_contact,
        "flags": list(r.flags),
    }


def coverage_report(
    session: neo4j.Session,
    *,
    tender_id: str | None = None,
    account_id: str | None = None,
    stale_days: int = coverage_alg.STALE_DAYS,
    near: Near | None = None,
) -> dict[str, Any]:
    """Each DMU (or account) member: role, stance, influence, who covers them, flags."""
    today = clock.today()
    if (tender_id is None) == (account_id is None):
        raise Invalid("give exactly one of a tender id or an account (organization) id")
    if tender_id is not None:
        found = graph_repo.tender_dmu(session, tender_id, today)
        what = f"unknown tender id {tender_id!r}"
    else:
        found = graph_repo.account_members(session, str(account_id), today)
        what = f"unknown organization id {account_id!r}"
    if found is None:
        raise NotFound(what)
    ids = [m.id for m in found.members]
    around = (near or near_locally(session))(ids)
    scores: dict[str, float] = around["scores"]
    members = [
        coverage_alg.Member(
            m.id,
            m.name,
            m.role,
            m.stance,
            scores.get(m.id, 0.0),
            tuple(coverage_alg.Cover(c.user_id, c.user_name, c.stage) for c in m.covers),
            m.last_contact,
        )
        for m in found.members
    ]
    rows = coverage_alg.coverage(members, today=today, stale_days=stale_days)
    extra = {m.id: m for m in found.members}
    conflicts = tenders_repo.conflicts(session, [tender_id], today) if tender_id is not None else {}
    subject = found.tender if isinstance(found, graph_repo.TenderDmu) else found.account
    return {
        "subject": subject,
        "as_of": around["as_of"],
        "unavailable": around.get("unavailable"),
        "rows": [
            {
                "id": r.member.id,
                "name": r.member.name,
                "role": r.member.role,
                "stance": r.member.stance,
                "influence": round(r.member.influence, 6),
                **coverage_fields(r),
                "evidence": extra[r.member.id].evidence,
                "competitors": extra[r.member.id].competitors,
                "conflicts": conflicts.get((str(tender_id), r.member.id), []),
            }
            for r in rows
        ],
        "outside": around.get("outside") or [],
    }


def cover(row: dict[str, Any]) -> coverage_alg.Cover:
    """A coverage row from the repository as the analysis' Cover."""
    return coverage_alg.Cover(row["user_id"], row["user_name"], row["stage"])


def concentration_report(session: neo4j.Session) -> dict[str, Any]:
    """Each account's share of our sales, the Pareto curve, and mono-dependency."""
    accounts = graph_repo.accounts(session)
    if not accounts:
        raise Invalid("no organization has annual_sales recorded")
    result = concentration_alg.concentration(
        [(a["id"], a["name"], float(a["sales"])) for a in accounts]
    )
    mono = result.mono_dependent
    return {
        "total_sales": result.total,
        "accounts_for_80_percent": result.accounts_for_80_percent,
        "mono_dependency": None if mono is None else {"id": mono.id, "name": mono.name},
        "rows": [
            {
                "id": a.id,
                "name": a.name,
                "sales": a.sales,
                "share": a.share,
                "cumulative": a.cumulative,
            }
            for a in result.accounts
        ],
    }


def refresh(
    session: neo4j.Session, *, seed: int = 0, progress: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """Compute influence, brokers and groups for the whole graph and store them on people."""

    def step(message: str) -> None:
        if progress is not None:
            progress(message)

    step("reading the graph")
    revision = graph_repo.change_token(session)
    today = clock.today()
    people, _, ties = graph_repo.projection_rows(session, DEFAULT_EDGES["influence"], today)
    if not people:
        raise Invalid(EMPTY)
    with _no_cyclic_gc():
        found = batch_alg.scores(people, ties, today=today, seed=seed, progress=progress)
    del ties
    member_of = groups_alg.membership(found.groups)
    labels = {g.number: g.label for g in found.groups}
    ranked = influence_alg.ranked(dict(zip(found.ids, found.influence, strict=True)))
    rank = {node: r for r, (node, _) in enumerate(ranked, start=1)}
    rows = [
        {
            "id": node,
            "influence": found.influence[i],
            "rank": rank[node],
            "broker": found.broker[i],
            "group": member_of.get(node),
            "group_label": labels.get(member_of.get(node, -1)),
        }
        for i, node in enumerate(found.ids)
    ]
    step("storing scores")
    at = clock.now()
    graph_repo.write_scores(session, rows, at)
    graph_repo.mark_scored(session, revision)
    return {"people": len(rows), "groups": len(found.groups), "at": at.isoformat()}
