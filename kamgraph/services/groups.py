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
    segment: str | None = None,
) -> GroupsReport:
    """Decision-making groups, largest first, with their labels.

    With a `segment`, the groups that hold people of that stakeholder segment, each listing
    only those people (its size and label stay the whole group's)."""
    graph = proj.scoped(session, proj.projection(session, types, weighted=weighted), scope)
    proj.check_not_empty(graph)
    found = groups_alg.groups(graph, weight="weight" if weighted else None, seed=seed)
    kept = proj.in_segment(session, [m for g in found for m in g.members], segment)
    listed = [(g, [m for m in g.members if kept(m)]) for g in found]
    rows = [
        Group(g.number, g.label, len(g.members), [proj.person(graph, m) for m in members])
        for g, members in listed
        if members
    ][:top]
    return GroupsReport(rows, len(found))
