"""Co-attendance weights (analytics/projection.co_attendance) against NetworkX's own
collaboration-weighted bipartite projection, on hand-made events."""

from datetime import date

import networkx as nx
import pytest
from networkx.algorithms import bipartite

from kamgraph.analytics.paths import warm_paths
from kamgraph.analytics.projection import TYPE_FACTOR, build, co_attendance, numbered_weights
from kamgraph.models import Tie

TODAY = date(2026, 11, 30)
EVENTS = {
    "congress": ["a", "b", "c", "d", "e"],
    "round-table": ["a", "b", "c"],
    "dinner": ["c", "d"],
    "webinar": ["e"],
}


def _reference() -> dict[frozenset[str], float]:
    two_mode: nx.Graph[str] = nx.Graph()
    for event, people in EVENTS.items():
        two_mode.add_edges_from((person, event) for person in people)
    people = sorted({p for ps in EVENTS.values() for p in ps})
    projected = bipartite.collaboration_weighted_projected_graph(two_mode, people)  # pyright: ignore[reportUnknownMemberType, reportUnknownVariableType]
    return {
        frozenset((str(u), str(v))): float(w)  # pyright: ignore[reportUnknownArgumentType]
        for u, v, w in projected.edges(data="weight")  # pyright: ignore[reportUnknownMemberType, reportUnknownVariableType]
    }


def test_weights_are_newmans_collaboration_weights() -> None:
    ties = list(co_attendance((e, None, people) for e, people in EVENTS.items()))
    graph = build([{"id": p} for p in "abcde"], ties, today=TODAY)

    found = {
        frozenset((u, v)): float(data["weight"]) / TYPE_FACTOR["ATTENDED"]
        for u, v, data in graph.edges(data=True)
    }
    assert found == pytest.approx(_reference())
    # Co-attendance goes both ways, and the round table binds more than the congress.
    assert graph["a"]["b"]["weight"] == graph["b"]["a"]["weight"]
    assert graph["a"]["b"]["weight"] > graph["a"]["d"]["weight"]


def test_an_old_event_counts_less_and_the_numbered_graph_agrees() -> None:
    recent = list(co_attendance([("rt", date(2026, 10, 1), ["a", "b"])]))
    old = list(co_attendance([("rt", date(2022, 10, 1), ["a", "b"])]))
    assert (
        build([{"id": "a"}, {"id": "b"}], recent, today=TODAY)["a"]["b"]["weight"]
        > (build([{"id": "a"}, {"id": "b"}], old, today=TODAY)["a"]["b"]["weight"])
    )
    graph = build([{"id": "a"}, {"id": "b"}], recent, today=TODAY)
    numbered = numbered_weights(recent, {"a": 0, "b": 1}, today=TODAY)
    assert numbered == pytest.approx(
        {(0, 1): graph["a"]["b"]["weight"], (1, 0): graph["b"]["a"]["weight"]}
    )


def test_a_warm_path_through_an_event_says_where_they_met() -> None:
    ties = [
        Tie("kam", "a", "COVERS", kind="loyalty", seen=TODAY),
        *co_attendance([("ev-round-table", TODAY, ["t", "a"])]),
    ]
    graph = build(
        [{"id": "kam", "name": "Kira", "team": True}, {"id": "a", "name": "Ada"}, {"id": "t"}],
        ties,
        today=TODAY,
    )
    (path,) = warm_paths(graph, ["kam"], "t", today=TODAY, k=1)
    assert [hop.how for hop in path.hops] == [
        "Kira covers Ada (loyalty)",
        "Ada met t at event ev-round-table",
    ]
