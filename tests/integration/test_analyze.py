"""`kamgraph analyze` through Neo4j: NetworkX-exact scores, the demo's answers, errors."""

import csv
import json
import random
from pathlib import Path
from typing import Any

import neo4j
import networkx as nx
import pytest

from kamgraph.models import Person
from kamgraph.repository import audit, people
from kamgraph.seeding import demo
from kamgraph.services import projection

from .helpers import cli_env, kamgraph


def _analyze(neo4j_config: dict[str, Any], *args: str) -> Any:
    result = kamgraph("analyze", *args, "--json", env=cli_env(neo4j_config))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _random_knows_bundle(folder: Path, people: int, ties: int, seed: int) -> "nx.Graph[str]":
    rng = random.Random(seed)
    folder.mkdir()
    graph: nx.Graph[str] = nx.Graph()
    with (folder / "people.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "given_name", "family_name"])
        for i in range(people):
            writer.writerow([f"p{i}", f"Given{i}", f"Family{i}"])
            graph.add_node(f"p{i}")
    seen: set[frozenset[str]] = set()
    with (folder / "relationships.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["type", "from_id", "to_id", "kind", "strength"])
        while len(seen) < ties:
            a, b = f"p{rng.randrange(people)}", f"p{rng.randrange(people)}"
            if a == b or frozenset((a, b)) in seen:
                continue
            seen.add(frozenset((a, b)))
            writer.writerow(["KNOWS", a, b, "colleague", round(rng.random(), 2)])
            graph.add_edge(a, b)
    return graph


def test_scores_equal_networkx_on_the_same_nodes_and_edges(
    graph: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    expected_graph = _random_knows_bundle(tmp_path / "bundle", people=120, ties=300, seed=11)
    imported = kamgraph("import", str(tmp_path / "bundle"), env=cli_env(neo4j_config))
    assert imported.returncode == 0, imported.stderr
    n = str(expected_graph.number_of_nodes())
    brokers = _analyze(neo4j_config, "brokers", "--edges", "KNOWS", "--unweighted", "--top", n)
    influence = _analyze(neo4j_config, "influence", "--edges", "KNOWS", "--unweighted", "--top", n)
    expected_between = nx.betweenness_centrality(expected_graph)
    expected_rank = nx.pagerank(expected_graph)
    assert {r["id"]: r["score"] for r in brokers["rows"]} == pytest.approx(
        expected_between, abs=1e-6
    )
    assert {r["id"]: r["score"] for r in influence["rows"]} == pytest.approx(
        expected_rank, abs=1e-6
    )
    assert sum(r["score"] for r in influence["rows"]) == pytest.approx(1.0)
    assert all(r["name"].startswith("Given") for r in influence["rows"])


@pytest.fixture
def demo_graph(graph: neo4j.Session) -> neo4j.Session:
    demo.load_demo(graph, today=demo.ANCHOR)
    return graph


def test_demo_hidden_influencers_bridges_and_groups_make_sense(
    demo_graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    planted = {"p-johanna-berk", "p-mirela-dascu", "p-albrecht-quist"}
    by_influence = _analyze(neo4j_config, "influence", "--edges", "INFLUENCES,REPORTS_TO")
    assert {h["id"] for h in by_influence["hidden_influencers"]} == planted
    commission = _analyze(neo4j_config, "influence", "--tender", "t-tcomm-onc-2027", "--top", "5")
    assert "p-mirela-dascu" in [h["id"] for h in commission["hidden_influencers"]]
    brokers = _analyze(neo4j_config, "brokers", "--top", "5")
    top_brokers = [r["id"] for r in brokers["rows"]]
    assert {"p-elias-nordin", "p-helena-strand"} <= set(top_brokers)
    groups = _analyze(neo4j_config, "groups")
    labels = [g["label"] for g in groups["rows"]]
    assert any(label.startswith("Velmora Regional Ministry of Health") for label in labels)


def test_demo_coverage_gaps_are_the_planted_ones(
    demo_graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    report = _analyze(neo4j_config, "coverage", "--tender", "t-aurel-lmwh-2027")
    flags = {
        row["id"].removeprefix("p-").split("-")[-1]: set(row["flags"]) for row in report["rows"]
    }
    assert {k for k, v in flags.items() if "uncovered" in v} == {"castell"}
    assert {k for k, v in flags.items() if "single-threaded" in v} == {"hollis", "rowan", "sokol"}
    # Stale is measured from today; the demo's dates follow the calendar by whole weeks.
    assert {"hollis", "sokol"} <= {k for k, v in flags.items() if "stale" in v}
    # Castell consults for Rivalis, whose Tromboval is in the tender: a conflict of interest.
    conflicted = {row["id"]: row["conflicts"] for row in report["rows"] if row["conflicts"]}
    assert list(conflicted) == ["p-bruno-castell"]
    assert conflicted["p-bruno-castell"][0]["competitor"] == "Rivalis Pharma"


def test_power_and_what_if(demo_graph: neo4j.Session, neo4j_config: dict[str, Any]) -> None:
    result = _analyze(
        neo4j_config,
        "power",
        "--tender",
        "t-aurel-lmwh-2027",
        "--what-if",
        "p-bruno-castell=supporter",
    )
    weights = [m["weight"] for m in result["balance"]["members"]]
    assert sum(weights) == pytest.approx(1.0)
    assert result["what_if"]["balance"]["index"] > result["balance"]["index"]


def test_warm_path_to_an_uncovered_decision_maker_is_explained(
    demo_graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    result = _analyze(neo4j_config, "path", "--to", "p-bruno-castell", "--k", "2")
    assert len(result["paths"]) == 2
    first = result["paths"][0]
    assert first["warmth"] >= result["paths"][1]["warmth"]
    assert first["nodes"][0]["id"].startswith("u-")
    assert first["nodes"][-1]["id"] == "p-bruno-castell"
    assert "covers" in first["hops"][0]["how"]
    one = _analyze(neo4j_config, "path", "--to", "p-bruno-castell", "--from", "u-piet", "--k", "1")
    assert one["paths"][0]["nodes"][0]["id"] == "u-piet"


def test_the_targets_boss_i_know_well_beats_a_long_chain_of_strong_ties(
    demo_graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    """The demo's case: Kira covers Marta Ilves at loyalty, and Bruno Castell reports to
    Marta. A four-step chain of strong ties used to rank first; a KAM asks Marta."""
    result = _analyze(neo4j_config, "path", "--to", "p-bruno-castell", "--from", "u-kira")
    first = result["paths"][0]
    assert [n["id"] for n in first["nodes"]] == ["u-kira", "p-marta-ilves", "p-bruno-castell"]
    assert [h["how"] for h in first["hops"]] == [
        "Kira Lund covers Dr. Marta Ilves (loyalty)",
        "Prof. Dr. Bruno Castell reports to Dr. Marta Ilves",
    ]
    longer = [p for p in result["paths"] if len(p["nodes"]) > 3]
    assert longer
    assert all(p["strength"] > first["strength"] for p in longer)  # stronger, yet not first
    direct = _analyze(neo4j_config, "path", "--to", "p-ada-rowan", "--from", "u-kira")
    assert [n["id"] for n in direct["paths"][0]["nodes"]] == ["u-kira", "p-ada-rowan"]


def test_refresh_stores_scores_on_people(
    demo_graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    result = kamgraph("analyze", "refresh", env=cli_env(neo4j_config))
    assert result.returncode == 0, result.stderr
    assert "scores stored on 251 people" in result.stdout  # one entered twice
    row = demo_graph.run(
        "MATCH (p:Person {id: 'p-ada-rowan'}) RETURN p.influence AS i, p.influence_rank AS r, "
        "p.group_label AS g, p.scores_at AS at"
    ).single()
    assert row is not None
    assert row["i"] > 0
    assert row["r"] >= 1
    assert row["g"]
    assert row["at"] is not None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("path", "--to", "p-nobody"), "Error: There is no person 'p-nobody'."),
        (
            ("path", "--to", "p-loner"),
            "Error: no warm path: nobody on the team is connected to Lone Wolf within 6 hops",
        ),
        (("power", "--tender", "t-nope"), "Error: There is no tender 't-nope'."),
        (("coverage", "--tender", "t-nope"), "Error: There is no tender 't-nope'."),
        (("influence", "--edges", "KNOWZ"), "Error: unknown relationship type 'KNOWZ'"),
    ],
)
def test_bad_requests_exit_2_with_one_clear_line(
    graph: neo4j.Session, neo4j_config: dict[str, Any], args: tuple[str, ...], message: str
) -> None:
    graph.run(
        "CREATE (:Person {id: 'p-loner', name: 'Lone Wolf'}), (:User {id: 'u-1', name: 'K'})"
    ).consume()
    result = kamgraph("analyze", *args, env=cli_env(neo4j_config))
    assert result.returncode == 2
    assert result.stderr.strip().startswith(message)
    assert "Traceback" not in result.stderr


def test_an_empty_graph_is_a_clear_error(
    graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    result = kamgraph("analyze", "influence", env=cli_env(neo4j_config))
    assert result.returncode == 2
    assert "the graph is empty" in result.stderr


def test_projection_is_cached_until_the_graph_changes(graph: neo4j.Session) -> None:
    people.create(graph, Person(id="a", given_name="A", family_name="One"))
    people.create(graph, Person(id="b", given_name="B", family_name="Two"))
    cache = projection.ProjectionCache()
    first = projection.projection(graph, ["KNOWS"], cache=cache)
    assert projection.projection(graph, ["KNOWS"], cache=cache) is first
    # Reading pages writes audit entries and refresh stores scores: neither is a change.
    audit.record(graph, user_id="u-x", action="view", target_id="a", path="/people/a")
    assert projection.projection(graph, ["KNOWS"], cache=cache) is first
    people.create(graph, Person(id="c", given_name="C", family_name="Three"))
    second = projection.projection(graph, ["KNOWS"], cache=cache)
    assert second is not first
    assert second.number_of_nodes() == 3


def test_scope_restricts_the_analysis_to_an_organization_or_a_tender(
    demo_graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    aurel = set(
        demo_graph.run(
            """
        MATCH (:Organization {id: 'org-h-aurel'})<-[:PART_OF*0..6]-()<-[w:WORKS_AT]-(p:Person)
        WHERE coalesce(w.is_current, true) RETURN DISTINCT p.id
        """
        ).value()
    )
    scoped = _analyze(neo4j_config, "influence", "--scope", "org:org-h-aurel", "--top", "500")
    assert {r["id"] for r in scoped["rows"]} == aurel
    assert sum(r["score"] for r in scoped["rows"]) == pytest.approx(1.0)
    dmu = _analyze(neo4j_config, "brokers", "--scope", "tender:t-aurel-lmwh-2027", "--top", "500")
    assert "p-bruno-castell" in {r["id"] for r in dmu["rows"]}
    assert len(dmu["rows"]) < 250
    bad = kamgraph("analyze", "groups", "--scope", "planet:mars", env=cli_env(neo4j_config))
    assert bad.returncode == 2
    assert "use org:ID, region:NAME or tender:ID" in bad.stderr
