"""Co-attendance in the analyses: people who were at the same events, through Neo4j.

The check is the Davis Southern Women network (Davis, Gardner and Gardner 1941; in NetworkX
as davis_southern_women_graph): 18 women and the 14 social events each attended. Its two
groups are the classic test of a co-attendance method; Freeman (2003) compares 21 analyses,
whose consensus splits the women into Evelyn, Laura, Theresa, Brenda, Charlotte, Frances,
Eleanor (with Pearl and Ruth usually beside them) and Verne, Myra, Katherine, Sylvia, Nora,
Helen, Olivia, Flora (with Dorothy usually beside them). Pearl, Ruth and Dorothy are the
ones the analyses disagree on, so they may land on either side here.
"""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any, cast

import neo4j
import networkx as nx

from .helpers import Ran, cli_env, kamgraph

CORE_A = {"Evelyn", "Laura", "Theresa", "Brenda", "Charlotte", "Frances", "Eleanor"}
CORE_B = {"Verne", "Myra", "Katherina", "Sylvia", "Nora", "Helen", "Olivia", "Flora"}
AMBIGUOUS = {"Pearl", "Ruth", "Dorothy"}
# Two people outside Davis's data who know each other and went to none of the events.
FRIENDS = ("Zora", "Yannick")


def _davis() -> tuple[list[str], dict[str, list[str]]]:
    """The women (full names) and, per event (E1..E14), who attended, from NetworkX."""
    graph = cast("nx.Graph[str]", nx.davis_southern_women_graph())  # pyright: ignore[reportUnknownMemberType]
    women = cast("list[str]", graph.graph["top"])
    events = cast("list[str]", graph.graph["bottom"])
    attended = {e: sorted(graph.neighbors(e)) for e in events}
    return list(women), attended


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _pid(full_name: str) -> str:
    return "p-" + full_name.split(maxsplit=1)[0].lower()


def _import_davis(folder: Path, neo4j_config: dict[str, Any]) -> None:
    """Davis's women, events and ATTENDED ties as an import bundle, imported; two friends
    beside them (a KNOWS tie, no events)."""
    women, attended = _davis()
    folder.mkdir()
    people = [[_pid(w), *w.split(" ", 1)] for w in women]
    people += [[f"p-{name.lower()}", name, "Outsider"] for name in FRIENDS]
    _write(folder / "people.csv", ["id", "given_name", "family_name"], people)
    # The data give each event's month and day, no year; any day long past will do, as
    # every event then counts the same (recency's floor).
    first = date(1936, 1, 6)
    _write(
        folder / "events.csv",
        ["id", "name", "kind", "starts_on"],
        [
            [f"ev-{e}", f"Social event {e}", "informal", (first + timedelta(weeks=i)).isoformat()]
            for i, e in enumerate(sorted(attended, key=lambda e: int(e[1:])))
        ],
    )
    ties = [["ATTENDED", _pid(w), f"ev-{e}", ""] for e, ws in attended.items() for w in ws]
    ties.append(["KNOWS", f"p-{FRIENDS[0].lower()}", f"p-{FRIENDS[1].lower()}", "friend"])
    _write(folder / "relationships.csv", ["type", "from_id", "to_id", "kind"], ties)
    imported = kamgraph("import", str(folder), env=cli_env(neo4j_config))
    assert imported.returncode == 0, imported.stderr


def _groups(neo4j_config: dict[str, Any], edges: str) -> list[set[str]]:
    """`analyze groups --edges EDGES --json`: each group's members' given names."""
    ran = kamgraph(
        "analyze", "groups", "--edges", edges, "--top", "50", "--json", env=cli_env(neo4j_config)
    )
    assert ran.returncode == 0, ran.stderr
    rows = json.loads(ran.stdout)["rows"]
    return [{m["name"].split()[0] for m in row["members"]} for row in rows]


def _side(found: list[set[str]], name: str) -> set[str]:
    return next(group for group in found if name in group)


def test_groups_over_attended_recover_the_davis_split(
    graph: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    _import_davis(tmp_path / "davis", neo4j_config)

    found = _groups(neo4j_config, "ATTENDED")

    side_a, side_b = _side(found, "Evelyn"), _side(found, "Verne")
    assert side_a >= CORE_A
    assert side_b >= CORE_B
    assert side_a.isdisjoint(side_b)
    assert side_a | side_b == CORE_A | CORE_B | AMBIGUOUS
    # The friends went to no event: over co-attendance alone they are nobody's group.
    assert {"Zora"} in found
    assert {"Yannick"} in found


def test_knows_and_attended_combine(
    graph: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    _import_davis(tmp_path / "davis", neo4j_config)

    known_only = _groups(neo4j_config, "KNOWS")
    combined = _groups(neo4j_config, "KNOWS,ATTENDED")

    # KNOWS alone joins the two friends and nobody else.
    assert {"Zora", "Yannick"} in known_only
    assert {"Evelyn"} in known_only
    # Both together: the friends' tie and Davis's two groups.
    assert {"Zora", "Yannick"} in combined
    assert _side(combined, "Evelyn") >= CORE_A
    assert _side(combined, "Verne") >= CORE_B


def test_a_round_table_makes_brokers_of_the_people_between_two_circles(
    graph: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    """Influence and brokers take --edges ATTENDED too: a woman at events of both of Davis's
    groups is more between them than one who went with her own group only."""
    _import_davis(tmp_path / "davis", neo4j_config)
    env = cli_env(neo4j_config)
    ran = kamgraph("analyze", "brokers", "--edges", "ATTENDED", "--top", "20", "--json", env=env)
    assert ran.returncode == 0, ran.stderr
    scores = {r["name"].split()[0]: r["score"] for r in json.loads(ran.stdout)["rows"]}
    # Nora went to events of both groups; Charlotte only to her own group's.
    assert scores["Nora"] > scores.get("Charlotte", 0.0)
    ran = kamgraph("analyze", "influence", "--edges", "SPOKE_AT,ATTENDED", "--json", env=env)
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout)["rows"]


def test_an_unknown_edge_type_is_refused_naming_the_ones_there_are(
    graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    ran: Ran = kamgraph("analyze", "groups", "--edges", "KNOWS,ATTENDS", env=cli_env(neo4j_config))

    assert ran.returncode == 2
    assert "unknown relationship type 'ATTENDS'" in ran.stderr
    assert "ATTENDED" in ran.stderr
    assert "SPOKE_AT" in ran.stderr
