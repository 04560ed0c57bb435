"""`kamgraph analyze refresh`: influence, brokers and groups for the whole graph, stored on
people for the pages to read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import neo4j

from kamgraph import clock
from kamgraph.analytics import batch as batch_alg
from kamgraph.analytics import groups as groups_alg
from kamgraph.analytics import influence as influence_alg
from kamgraph.errors import Invalid
from kamgraph.models import DEFAULT_EDGES
from kamgraph.repository import graph as graph_repo
from kamgraph.services import projection as proj


@dataclass(frozen=True)
class Refreshed:
    """How many people were scored, in how many groups, and when (ISO time)."""

    people: int
    groups: int
    at: str


def refresh(
    session: neo4j.Session, *, seed: int = 0, progress: Callable[[str], None] | None = None
) -> Refreshed:
    """Compute influence, brokers and groups for the whole graph and store them on people."""

    def step(message: str) -> None:
        if progress is not None:
            progress(message)

    step("reading the graph")
    revision = graph_repo.change_token(session)
    today = clock.today()
    people, _, ties = graph_repo.projection_rows(session, DEFAULT_EDGES["influence"], today)
    if not people:
        raise Invalid(proj.EMPTY)
    with proj.no_cyclic_gc():
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
    return Refreshed(people=len(rows), groups=len(found.groups), at=at.isoformat())
