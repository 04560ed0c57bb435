"""Decision-making groups (Louvain), largest first, with their labels."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import neo4j

from kamgraph.analytics import groups as groups_alg
from kamgraph.services import projection as proj
from kamgraph.services.projection import Named


@dataclass(frozen=True)
class Group:
    """One group: its number, its label (organizations and roles), its members."""

    group: int
    label: str
    size: int
    members: list[Named]


@dataclass(frozen=True)
class GroupsReport:
    """The `top` largest groups, and how many there are in all."""

    rows: list[Group]
    groups: int

    def as_json(self) -> dict[str, object]:
        return dataclasses.asdict(self)


def groups_report(
    session: neo4j.Session,
    *,
    types: Sequence[str],
    weighted: bool = True,
    top: int = 20,
    seed: int = 0,
    scope: str | None = None,
) -> GroupsReport:
    """Decision-making groups, largest first, with their labels."""
    graph = proj.scoped(session, proj.projection(session, types, weighted=weighted), scope)
    proj.check_not_empty(graph)
    found = groups_alg.groups(graph, weight="weight" if weighted else None, seed=seed)
    rows = [
        Group(g.number, g.label, len(g.members), [proj.person(graph, m) for m in g.members])
        for g in found[:top]
    ]
    return GroupsReport(rows, len(found))
