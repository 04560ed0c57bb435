"""Segments and contact boundaries on a clean database: the import's checks, the export, and
a per-person boundary judged on a fixed day (the demo's pages: test_segments.py)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import neo4j
import pytest

from kamgraph import clock
from kamgraph.repository import people
from kamgraph.services import coverage
from kamgraph.services import data as service
from kamgraph.services.data import InvalidBundle

from .helpers import cli_env, graph_counts, kamgraph


def test_a_contact_40_days_ago_is_stale_with_a_30_day_boundary_and_not_with_60(
    graph: neo4j.Session,
) -> None:
    day = date(2027, 3, 15)
    graph.run(
        """
        CREATE (t:Tender {id: 't1', title: 'T', status: 'announced'}),
               (u1:User {id: 'u1', name: 'Kira'}), (u2:User {id: 'u2', name: 'Timo'})
        WITH t, u1, u2
        UNWIND [['p30', 'Ann Thirty', 30], ['p60', 'Ben Sixty', 60]] AS p
        CREATE (x:Person {id: p[0], name: p[1], contact_every_days: p[2]})
        CREATE (x)-[:ROLE_IN {role: 'evaluator', stance: 'neutral'}]->(t)
        CREATE (u1)-[:COVERS {stage: 'loyalty'}]->(x), (u2)-[:COVERS {stage: 'contact'}]->(x)
        CREATE (:Interaction {id: 'i-' + p[0], kind: 'visit', date: $met})-[:WITH]->(x)
        """,
        met=day - timedelta(days=40),
    ).consume()
    with clock.fixed(day):
        report = coverage.coverage_report(graph, tender_id="t1")
        flags = {r.id: (r.flags, r.days_since_contact, r.every) for r in report.rows}
        assert flags == {"p30": (["stale"], 40, 30), "p60": ([], 40, 60)}
        # A lead's override judges everyone by the same days.
        overridden = coverage.coverage_report(graph, tender_id="t1", stale_days=45)
        assert [r.flags for r in overridden.rows] == [[], []]


def test_a_bad_segment_or_a_tier_without_kol_is_refused_naming_the_field(
    graph: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    folder = tmp_path / "bundle"
    folder.mkdir()
    (folder / "people.csv").write_text(
        "id,given_name,family_name,segments,kol_tier,kol_reach,contact_every_days\n"
        "p1,Ada,Rowan,kol; vipp,national,140,\n"
        "p2,Bo,Lind,vip,regional,,\n"
        "p3,Cy,Moor,official,,,0\n"
        "p4,Di,Sand,kol,national,12,30\n",
        encoding="utf-8",
    )
    result = kamgraph("import", str(folder), env=cli_env(neo4j_config))
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if not line.startswith("Error:")]
    assert problems == [
        "people.csv:2: segments: 'vipp': did you mean 'vip'?",
        "people.csv:3: kol_tier: only for a KOL: add kol to the segments, or leave it empty",
        "people.csv:4: contact_every_days: 0 is below 1",
    ]
    assert graph_counts(graph) == (0, 0)
    (folder / "people.csv").write_text(
        "id,given_name,family_name,segments,kol_tier,kol_reach,contact_every_days\n"
        "p4,Di,Sand,KOL; dmu member,national,12,30\n",
        encoding="utf-8",
    )
    service.import_path(graph, folder)
    stored = people.get(graph, "p4")
    assert stored is not None
    assert (stored.segments, stored.kol_tier, stored.kol_reach, stored.contact_every_days) == (
        ("kol", "dmu_member"),
        "national",
        12,
        30,
    )
    exported = tmp_path / "out.json"
    service.export_path(graph, exported, "json")
    row = json.loads(exported.read_text(encoding="utf-8"))["people"][0]
    assert (row["segments"], row["kol_tier"], row["kol_reach"]) == (
        ["kol", "dmu_member"],
        "national",
        12,
    )
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "people.csv").write_text(
        "id,given_name,family_name,segments,kol_reach\np5,Ed,Vik,kol,-3\n", encoding="utf-8"
    )
    with pytest.raises(InvalidBundle) as caught:
        service.import_path(graph, bad)
    assert [str(p) for p in caught.value.problems] == ["people.csv:2: kol_reach: -3 is below 0"]
    assert people.get(graph, "p5") is None


def test_export_with_a_segment_holds_its_people_and_only_their_ties(
    graph: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    folder = tmp_path / "bundle"
    folder.mkdir()
    (folder / "people.csv").write_text(
        "id,given_name,family_name,segments,kol_tier\n"
        "p-kol,Ada,Rowan,kol; prescriber,national\n"
        "p-kol2,Nik,Anto,kol,\n"
        "p-vip,Bo,Lind,vip,\n",
        encoding="utf-8",
    )
    (folder / "relationships.csv").write_text(
        "type,from_id,to_id,kind\nKNOWS,p-kol,p-kol2,colleague\nKNOWS,p-kol,p-vip,friend\n",
        encoding="utf-8",
    )
    service.import_path(graph, folder)
    out = tmp_path / "kols.json"
    result = kamgraph("export", str(out), "--segment", "kol", env=cli_env(neo4j_config))
    assert result.returncode == 0, result.stderr
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert [p["id"] for p in bundle["people"]] == ["p-kol", "p-kol2"]
    assert [(r["from_id"], r["to_id"]) for r in bundle["relationships"]] == [("p-kol", "p-kol2")]
    refused = kamgraph("export", str(out), "--segment", "kols", env=cli_env(neo4j_config))
    assert refused.returncode == 2
    assert "'kols' is not one of" in refused.stderr
