# pyright: standard
# (networkx graph generators are untyped; strict mode would only add casts to these tests)
"""The analyses on small hand-made graphs whose answers can be checked by hand."""

from datetime import date, timedelta

import networkx as nx
import pytest

from kamgraph.analytics import brokers, concentration, coverage, groups, influence, paths, power
from kamgraph.analytics.projection import build, recency
from kamgraph.models import Tie

DAY = date(2026, 11, 23)


def _people(*ids: str) -> list[dict[str, object]]:
    return [{"id": i, "name": i.upper()} for i in ids]


# --- projection ---


def test_influence_edges_point_at_the_influencer_and_ended_ties_are_dropped() -> None:
    g = build(
        _people("a", "b", "c"),
        [
            Tie("a", "b", "INFLUENCES", value=0.8),
            Tie("b", "c", "KNOWS", kind="friend", value=0.5, until=DAY - timedelta(days=1)),
        ],
        today=DAY,
    )
    assert list(g.edges(data="weight")) == [("b", "a", 0.8)]


def test_recency_halves_every_two_years_and_never_falls_below_a_quarter() -> None:
    assert recency(None, DAY) == 1.0
    assert recency(DAY - timedelta(days=730), DAY) == pytest.approx(0.5)
    assert recency(DAY - timedelta(days=5000), DAY) == 0.25


def test_cover_stages_weigh_by_the_ladder_and_parallel_ties_add_up() -> None:
    g = build(
        [*_people("p"), {"id": "u", "team": True}],
        [Tie("u", "p", "COVERS", kind="loyalty"), Tie("u", "p", "KNOWS", kind="friend", value=0.2)],
        today=DAY,
    )
    assert g.edges["u", "p"]["weight"] == pytest.approx(0.75 + 0.2 * 0.2)  # KNOWS counts 1/5
    unweighted = build(
        _people("a", "b"), [Tie("a", "b", "INFLUENCES", value=0.3)], today=DAY, weighted=False
    )
    assert unweighted.edges["b", "a"]["weight"] == 1.0


# --- influence ---


def test_pagerank_sums_to_one_and_matches_networkx() -> None:
    g = nx.gnp_random_graph(40, 0.1, seed=3, directed=True)
    mapped = nx.relabel_nodes(g, {n: f"p{n}" for n in g})
    scores = influence.influence(mapped, weight=None)
    assert sum(scores.values()) == pytest.approx(1.0)
    expected = nx.pagerank(mapped, weight=None)
    assert scores == pytest.approx(expected, abs=1e-12)


def test_personalised_influence_ranks_by_who_matters_to_the_dmu() -> None:
    # boss_y moves three people, boss_x only x: overall boss_y ranks higher, but for a
    # DMU of {x} boss_x is the one who matters and boss_y matters not at all.
    g: nx.DiGraph[str] = nx.DiGraph(
        [("x", "boss_x"), ("y", "boss_y"), ("z", "boss_y"), ("w", "boss_y")]
    )
    overall = influence.influence(g)
    assert overall["boss_y"] > overall["boss_x"]
    for_x = influence.influence(g, personalization={"x"})
    assert for_x["boss_x"] > for_x["boss_y"]
    assert for_x["boss_y"] == pytest.approx(0.0)


def test_hidden_influencers_have_influence_but_no_formal_say() -> None:
    g = nx.DiGraph()
    g.add_nodes_from(
        [
            ("chief", {"senior": True}),
            ("nurse", {}),
            ("member", {"has_role": True}),
            ("a", {}),
            ("b", {}),
            ("c", {}),
        ]
    )
    g.add_edges_from(
        [("a", "nurse"), ("b", "nurse"), ("c", "nurse"), ("nurse", "chief"), ("a", "member")]
    )
    scores = influence.influence(g)
    assert influence.hidden_influencers(g, scores, top=3) == ["nurse"]


# --- brokers ---


def test_betweenness_of_a_path_is_as_counted_by_hand() -> None:
    g: nx.DiGraph[str] = nx.DiGraph(
        [("a", "b"), ("b", "a"), ("b", "c"), ("c", "b"), ("c", "d"), ("d", "c")]
    )
    scores = brokers.brokers(g)
    # b lies on the shortest paths a-c and a-d: 2 of the 3 pairs it is not part of.
    assert scores == pytest.approx({"a": 0.0, "b": 2 / 3, "c": 2 / 3, "d": 0.0})


def test_large_graphs_are_sampled_reproducibly() -> None:
    g = nx.relabel_nodes(nx.barabasi_albert_graph(300, 2, seed=1), {i: str(i) for i in range(300)})
    first = brokers.brokers(g, exact_limit=100, samples=40, seed=7)
    assert first == brokers.brokers(g, exact_limit=100, samples=40, seed=7)
    exact = brokers.brokers(g)
    top_exact = max(exact, key=exact.__getitem__)
    assert top_exact in sorted(first, key=first.__getitem__)[-5:]


# --- groups ---


def test_two_cliques_joined_by_one_bridge_are_two_labelled_groups() -> None:
    g = nx.Graph()
    for n in "abc":
        g.add_node(n, organizations=["Aurel", "Cardiology"], roles=["evaluator"])
    for n in "xyz":
        g.add_node(n, organizations=["Ministry"], roles=[])
    g.add_node("kam", team=True)
    g.add_edges_from(
        [
            ("a", "b"),
            ("b", "c"),
            ("a", "c"),
            ("x", "y"),
            ("y", "z"),
            ("x", "z"),
            ("c", "x"),
            ("kam", "a"),
        ]
    )
    found = groups.groups(g, seed=1)
    assert [g.members for g in found] == [("a", "b", "c"), ("x", "y", "z")]
    assert found[0].label == "Aurel / Cardiology · evaluator"
    assert found[1].label == "Ministry"
    assert groups.groups(g, seed=1) == found


# --- power ---


DMU = [
    power.Member("a", "A", "decision_maker", "champion"),
    power.Member("b", "B", "budget_holder", "blocker"),
    power.Member("c", "C", "evaluator", "neutral"),
]


def test_balance_weighs_stances_by_influence() -> None:
    result = power.balance(DMU, {"a": 0.2, "b": 0.6, "c": 0.2})
    # 0.2 * 2 + 0.6 * -2 + 0.2 * 0 = -0.8
    assert result.index == pytest.approx(-0.8)
    assert result.forecast == "likely to oppose"
    assert result.support_share == pytest.approx(0.2)


def test_what_if_the_blocker_became_a_supporter() -> None:
    before, after = power.what_if(DMU, {"a": 0.2, "b": 0.6, "c": 0.2}, "b", "supporter")
    assert (before.index, after.index) == (pytest.approx(-0.8), pytest.approx(1.0))
    assert after.forecast == "likely to support"
    with pytest.raises(ValueError, match="not in this tender's DMU"):
        power.what_if(DMU, {}, "zz", "supporter")


# --- warm paths ---


def _team_graph(extra: list[Tie] | None = None) -> nx.DiGraph:
    nodes = [*_people("a", "b", "t"), {"id": "kam", "name": "Kira", "team": True}]
    ties = [
        Tie("kam", "a", "COVERS", kind="loyalty"),  # 0.75
        Tie("a", "t", "KNOWS", kind="friend", value=0.8),  # path strength 0.6
        Tie("kam", "b", "COVERS", kind="contact"),  # 0.25
        Tie("b", "t", "KNOWS", kind="colleague", value=1.0),  # path strength 0.25
        *(extra or []),
    ]
    return build(nodes, ties, today=DAY)


def test_warm_paths_come_strongest_first_with_each_hop_explained() -> None:
    found = paths.warm_paths(_team_graph(), ["kam"], "t", today=DAY, k=2)
    assert [p.nodes for p in found] == [("kam", "a", "t"), ("kam", "b", "t")]
    assert [p.strength for p in found] == [pytest.approx(0.6), pytest.approx(0.25)]
    assert [h.how for h in found[0].hops] == [
        "Kira covers A (loyalty)",
        "A knows T (friend, strength 0.8)",
    ]


def test_hostile_and_stale_ties_are_skipped() -> None:
    old = DAY - timedelta(days=4 * 365)
    g = build(
        [*_people("a", "b", "t"), {"id": "kam", "name": "Kira", "team": True}],
        [
            Tie("kam", "a", "COVERS", kind="loyalty"),
            Tie("a", "t", "KNOWS", kind="rival", value=1.0),
            Tie("kam", "b", "COVERS", kind="loyalty"),
            Tie("b", "t", "KNOWS", kind="friend", value=1.0, seen=old),
        ],
        today=DAY,
    )
    with pytest.raises(paths.NoPath, match="nobody on the team is connected to T within 6 hops"):
        paths.warm_paths(g, ["kam"], "t", today=DAY)


def test_paths_longer_than_the_hop_limit_do_not_count() -> None:
    chain = [Tie(f"c{i}", f"c{i + 1}", "KNOWS", kind="friend", value=1.0) for i in range(7)]
    g = build(
        [*_people(*(f"c{i}" for i in range(8))), {"id": "kam", "team": True}],
        [Tie("kam", "c0", "COVERS", kind="loyalty"), *chain],
        today=DAY,
    )
    assert len(paths.warm_paths(g, ["kam"], "c5", today=DAY)[0].hops) == 6
    with pytest.raises(paths.NoPath):
        paths.warm_paths(g, ["kam"], "c7", today=DAY)


# --- coverage and concentration ---


def test_coverage_flags_uncovered_stale_and_single_threaded() -> None:
    kira, lea = coverage.Cover("u1", "Kira", "loyalty"), coverage.Cover("u2", "Lea", "contact")
    members = [
        coverage.Member(
            "p1", "Ada", "decision_maker", "champion", 0.3, (kira, lea), DAY - timedelta(days=10)
        ),
        coverage.Member("p2", "Bo", "evaluator", "sceptic", 0.5, (lea,), None),
        coverage.Member("p3", "Cy", "user", "neutral", 0.1, (kira,), DAY - timedelta(days=91)),
    ]
    rows = coverage.coverage(members, today=DAY)
    assert [(r.member.id, r.flags) for r in rows] == [
        ("p2", ("uncovered", "stale", "single-threaded")),
        ("p1", ()),
        ("p3", ("stale", "single-threaded")),
    ]


def test_concentration_finds_the_pareto_point_and_mono_dependency() -> None:
    healthy = concentration.concentration([("a", "A", 40.0), ("b", "B", 35.0), ("c", "C", 25.0)])
    assert healthy.mono_dependent is None
    assert healthy.accounts_for_80_percent == 3
    risky = concentration.concentration([("a", "A", 76.0), ("b", "B", 24.0)])
    assert risky.mono_dependent is not None
    assert risky.mono_dependent.id == "a"


# --- the igraph engine agrees with NetworkX ---


def test_igraph_betweenness_equals_networkx_exact_and_sampled() -> None:
    from kamgraph.analytics import engines

    g = nx.relabel_nodes(nx.barabasi_albert_graph(300, 3, seed=4), {i: f"n{i}" for i in range(300)})
    exact = engines.betweenness(g, k=None, seed=0, weight=None)
    assert exact == pytest.approx(nx.betweenness_centrality(g), abs=1e-12)
    sampled = engines.betweenness(g, k=40, seed=9, weight=None)
    assert sampled == pytest.approx(nx.betweenness_centrality(g, k=40, seed=9), abs=1e-12)


def test_igraph_pagerank_equals_networkx_weighted_with_dangling_nodes() -> None:
    from kamgraph.analytics import engines

    g = nx.DiGraph(nx.gnp_random_graph(400, 0.01, seed=5, directed=True))
    g.add_node(400)  # isolated, so dangling
    for u, v, data in g.edges(data=True):
        data["weight"] = 0.25 + ((u * 7 + v) % 4) / 4
    g = nx.relabel_nodes(g, {i: f"n{i}" for i in g})
    for weight in ("weight", None):
        ours = engines.pagerank(g, weight=weight, alpha=0.85)
        theirs = nx.pagerank(g, weight=weight, tol=1e-12, max_iter=1000)
        assert ours == pytest.approx(theirs, abs=1e-6)
        assert sum(ours.values()) == pytest.approx(1.0)


def test_igraph_conversion_of_an_undirected_view_keeps_the_stronger_direction() -> None:
    from kamgraph.analytics import engines

    g: nx.DiGraph[str] = nx.DiGraph()
    g.add_edge("a", "b", weight=0.2)
    g.add_edge("b", "a", weight=0.9)
    g.add_edge("b", "c", weight=0.5)
    converted, nodes = engines._to_igraph(g.to_undirected(as_view=True), "weight")  # pyright: ignore[reportPrivateUsage]
    weights = {frozenset((nodes[e.source], nodes[e.target])): e["weight"] for e in converted.es}
    assert weights == {frozenset("ab"): 0.9, frozenset("bc"): 0.5}


def test_igraph_louvain_finds_the_same_groups_on_clear_structure() -> None:
    from kamgraph.analytics import engines

    g: nx.Graph[str] = nx.Graph()
    for block in ("a", "b", "c"):
        members = [f"{block}{i}" for i in range(6)]
        g.add_edges_from((u, v) for i, u in enumerate(members) for v in members[i + 1 :])
    g.add_edges_from([("a0", "b0"), ("b1", "c1")])
    ours = sorted(sorted(c) for c in engines.louvain(g, weight=None, seed=3))
    theirs = sorted(sorted(c) for c in nx.community.louvain_communities(g, seed=3))
    assert ours == theirs
    assert engines.louvain(g, weight=None, seed=3) == engines.louvain(g, weight=None, seed=3)
