"""Decision-making groups: Louvain communities, labelled by their organizations and roles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kamgraph.analytics import engines

__all__ = ["Group", "groups", "label_groups", "membership"]


@dataclass(frozen=True)
class Group:
    """One community: its members and what dominates it."""

    number: int
    members: tuple[str, ...]
    organizations: tuple[tuple[str, int], ...]  # (organization, members there), top 3
    roles: tuple[tuple[str, int], ...]  # (tender role, members holding it), top 3

    @property
    def label(self) -> str:
        """E.g. 'St. Aurel Hospital / Cardiology · decision_maker, evaluator'."""
        orgs = " / ".join(name for name, _ in self.organizations[:2]) or "no organization"
        roles = ", ".join(role for role, _ in self.roles[:2])
        return f"{orgs} · {roles}" if roles else orgs


def groups(
    graph: nx.DiGraph[str] | nx.Graph[str],
    *,
    weight: str | None = "weight",
    seed: int = 0,
    resolution: float = 1.0,
) -> list[Group]:
    """Louvain communities of the undirected tie graph, largest first; deterministic per seed.

    Node attributes used for labels: ``organizations`` (names, most specific first) and
    ``roles`` (tender roles held). Team members (``team``) are left out.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"),
    ...                   ("x", "z"), ("c", "x")])
    >>> [sorted(group.members) for group in groups(g)]
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    team = [n for n, is_team in undirected.nodes(data="team") if is_team]
    people = undirected.subgraph(set(undirected) - set(team)) if team else undirected
    if people.number_of_nodes() == 0:
        return []
    if people.number_of_nodes() >= engines.IGRAPH_FROM:
        communities = engines.louvain(people, weight=weight, seed=seed, resolution=resolution)
    else:
        communities = nx.community.louvain_communities(
            people, weight=weight, seed=seed, resolution=resolution
        )
    return label_groups(communities, lambda node: undirected.nodes[node])


def label_groups(
    communities: Iterable[set[str]], attributes: Callable[[str], Mapping[str, Any]]
) -> list[Group]:
    """Numbered groups, largest first, labelled by their members' `attributes`
    (``organizations``: names, most specific first; ``roles``: tender roles held)."""
    ordered = sorted(communities, key=lambda c: (-len(c), min(c)))
    result: list[Group] = []
    for number, community in enumerate(ordered, start=1):
        orgs: Counter[str] = Counter()
        roles: Counter[str] = Counter()
        for node in sorted(community):
            data = attributes(node)
            orgs.update(data.get("organizations") or ())
            roles.update(set(data.get("roles") or ()))
        result.append(
            Group(
                number,
                tuple(sorted(community)),
                _top(orgs),
                _top(roles),
            )
        )
    return result


def _top(counted: Counter[str], n: int = 3) -> tuple[tuple[str, int], ...]:
    """The `n` most frequent, ties by name: the same labels whatever order the members came
    in (a set's order changes with the process' string hashing)."""
    return tuple(sorted(counted.items(), key=lambda item: (-item[1], item[0]))[:n])


def membership(found: list[Group]) -> dict[str, int]:
    """Node id to group number."""
    return {member: group.number for group in found for member in group.members}
