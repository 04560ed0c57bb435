"""Symmetric ties stored once, likely duplicates, and merges, on the real Neo4j."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import neo4j
import pytest

from kamgraph import clock
from kamgraph.errors import Conflict
from kamgraph.models import User
from kamgraph.repository import audit, bundles, people, ties
from kamgraph.repository import duplicates as duplicates_repo
from kamgraph.repository import users as users_repo
from kamgraph.repository.graph import projection_rows
from kamgraph.services import data as service
from kamgraph.services import duplicates, merges, records_form
from kamgraph.services import scope as scopes
from kamgraph.services.data import InvalidBundle

from .helpers import cli_env, kamgraph

MINIMAL = Path(__file__).resolve().parents[1] / "data" / "minimal"
KNOWS_BETWEEN = """
MATCH (a:Person {id: $a})-[r:KNOWS]-(b:Person {id: $b})
RETURN startNode(r).id AS from, r.kind AS kind, r.strength AS strength
"""


def _bundle(tmp_path: Path, **files: str) -> Path:
    """The minimal bundle with some of its files replaced (name -> CSV text)."""
    folder = tmp_path / "bundle"
    shutil.copytree(MINIMAL, folder)
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def _knows(graph: neo4j.Session, a: str, b: str) -> list[dict[str, Any]]:
    return [r.data() for r in graph.run(KNOWS_BETWEEN, a=a, b=b)]


def test_a_tie_entered_from_both_sides_is_stored_once(graph: neo4j.Session, tmp_path: Path) -> None:
    service.import_path(graph, MINIMAL)  # KNOWS p-ada -> p-ivan, colleague, 0.8
    other_side = "type,from_id,to_id,kind,strength\nKNOWS,p-ivan,p-ada,friend,0.9\n"
    service.import_path(graph, _bundle(tmp_path, relationships=other_side))
    assert _knows(graph, "p-ada", "p-ivan") == [
        {"from": "p-ada", "kind": "friend", "strength": 0.9}
    ]
    # ...and the change log says the one tie changed (no second tie was created).
    logged = graph.run(
        "MATCH (c:Change {type: 'KNOWS'}) RETURN c.kind AS kind, c.from_id AS a, c.to_id AS b, "
        "c.before AS before, c.after AS after"
    ).data()
    assert logged == [
        {"kind": "changed", "a": "p-ada", "b": "p-ivan", "before": ["colleague", "0.8"],
         "after": ["friend", "0.9"]}
    ]  # fmt: skip
    # The "Add a tie" form, from Ivan's side again: the same tie, updated.
    kam = users_repo.get(graph, "u-kam")
    assert kam is not None
    saved = records_form.save_row(
        graph,
        "relationships",
        {"type": "KNOWS", "from_id": "p-ivan", "to_id": "p-ada", "kind": "mentor"},
        user=kam,
        must_be_new=False,
    )
    assert not saved.errors
    assert [t["kind"] for t in _knows(graph, "p-ada", "p-ivan")] == ["mentor"]
    # A new tie entered from the larger id is stored from the smaller one.
    records_form.save_row(
        graph,
        "relationships",
        {"type": "KNOWS", "from_id": "p-somchai", "to_id": "p-eleni", "kind": "friend"},
        user=kam,
        must_be_new=False,
    )
    assert [t["from"] for t in _knows(graph, "p-eleni", "p-somchai")] == ["p-eleni"]
    # The export writes one row per acquaintance; the analyses see one weight.
    exported = [
        (r["from_id"], r["to_id"])
        for r in bundles.read_everything(graph).rows("relationships")
        if r["type"] == "KNOWS"
    ]
    assert sorted(exported) == [("p-ada", "p-ivan"), ("p-eleni", "p-somchai")]
    _, _, projected = projection_rows(graph, ["KNOWS"], clock.today())
    assert sorted((t.source, t.target) for t in projected) == exported


def test_a_file_holding_a_tie_from_both_sides_is_refused(
    graph: neo4j.Session, tmp_path: Path
) -> None:
    both = "type,from_id,to_id,kind\nKNOWS,p-ada,p-ivan,colleague\nKNOWS,p-ivan,p-ada,friend\n"
    with pytest.raises(InvalidBundle) as refused:
        service.import_path(graph, _bundle(tmp_path, relationships=both))
    assert "relationships.csv:3: to_id" in str(refused.value.problems[0])
    assert graph.run("MATCH (p:Person) RETURN count(p) AS n").single(strict=True)["n"] == 0


def test_the_migration_collapses_opposite_ties_keeping_the_newer(
    graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    graph.run(
        """
        CREATE (a:Person {id: 'p-a', given_name: 'A', family_name: 'Aa', version: 1}),
               (b:Person {id: 'p-b', given_name: 'B', family_name: 'Bb', version: 1}),
               (c:Person {id: 'p-c', given_name: 'C', family_name: 'Cc', version: 1}),
               (a)-[:KNOWS {kind: 'colleague', strength: 0.4, since: date('2020-01-01'),
                            recorded_at: datetime('2025-01-01T00:00Z')}]->(b),
               (b)-[:KNOWS {kind: 'friend',
                            recorded_at: datetime('2026-06-01T00:00Z')}]->(a),
               (c)-[:KNOWS {kind: 'rival'}]->(a)
        """
    ).consume()
    result = kamgraph("db", "init", env=cli_env(neo4j_config))
    assert result.returncode == 0, result.stderr
    assert "1 KNOWS ties entered from both sides collapsed into one" in result.stdout
    # The newer (friend) wins; the strength and since only the older had are kept.
    tie = graph.run(
        "MATCH (:Person {id: 'p-a'})-[r:KNOWS]-(:Person {id: 'p-b'}) "
        "RETURN r {.kind, .strength, .since, from: startNode(r).id} AS r"
    ).value()
    assert len(tie) == 1
    assert tie[0]["kind"] == "friend"
    assert tie[0]["strength"] == 0.4
    assert str(tie[0]["since"]) == "2020-01-01"
    assert tie[0]["from"] == "p-a"
    # A tie entered once, from either side, is left alone; a second run changes nothing.
    assert _knows(graph, "p-a", "p-c") == [{"from": "p-c", "kind": "rival", "strength": None}]
    assert ties.collapse_symmetric(graph) == 0


MERGE_FIXTURE = """
MATCH (ivan:Person {id: 'p-ivan'}), (eleni:Person {id: 'p-eleni'}),
      (somchai:Person {id: 'p-somchai'}), (u:User {id: 'u-kam'}),
      (hosp:Organization {id: 'org-hosp'}),
      (t:Tender {id: 't-stents'}), (rival:Organization {id: 'org-rival'}),
      (i1:Interaction {id: 'i-1'})
CREATE (d:Person {id: 'p-ada2', given_name: 'Ada', family_name: 'Rowan', email: 'ada@aurel.example',
                  specialty: 'Interventional cardiology', hobbies: ['chess'], version: 3}),
       (ivan)-[:KNOWS {kind: 'friend', strength: 0.2}]->(d),
       (d)-[:KNOWS {kind: 'co_author', strength: 0.7}]->(eleni),
       (d)-[:INFLUENCES {weight: 0.5}]->(somchai),
       (somchai)-[:REPORTS_TO]->(d),
       (d)-[:WORKS_AT {title: 'Consultant', is_current: true}]->(hosp),
       (d)-[:MEMBER_OF {role: 'chair'}]->(hosp),
       (d)-[:ROLE_IN {role: 'evaluator', stance: 'supporter'}]->(t),
       (d)-[:TIES_TO {kind: 'speaker'}]->(rival),
       (u)-[:COVERS {stage: 'contact'}]->(d),
       (i1)-[:WITH]->(d),
       (:Interaction {id: 'i-dup', date: date('2026-11-10'), kind: 'call'})-[:WITH]->(d),
       (:PersonPlan {id: 'pp-dup', goal: 'board'})-[:PLAN_FOR]->(d),
       (:ProposalArgument {id: 'pa-dup', argument: 'numbers'})-[:ADDRESSES]->(d),
       (:Transfer {id: 'tv-dup', kind: 'meal'})-[:TO]->(d),
       (d)-[:ATTENDED]->(:Event {id: 'e-congress', name: 'Congress'})
"""


def test_a_merge_moves_everything_and_is_audited(graph: neo4j.Session) -> None:
    service.import_path(graph, MINIMAL)
    graph.run(MERGE_FIXTURE).consume()
    ada = people.get(graph, "p-ada")
    assert ada is not None
    with (
        pytest.raises(Conflict),  # decided on an older version of the duplicate
        audit.audited(user_id="u-lead", action="merge", target_id="p-ada", path="test"),
    ):
        merges.merge(
            graph, "p-ada", "p-ada2", keep="a", choices={}, versions=(ada.version, 2), by="t"
        )
    assert people.get(graph, "p-ada2") is not None
    assert not [e for e in audit.recent(graph, target_id="p-ada") if e.action == "merge"]

    with (
        clock.fixed(date(2026, 11, 20)),
        audit.audited(user_id="u-lead", action="merge", target_id="p-ada", path="test"),
    ):
        done = merges.merge(
            graph,
            "p-ada",
            "p-ada2",
            keep="a",
            choices={"specialty": "b", "titles": "a"},
            versions=(ada.version, 3),
            by="u-lead",
        )
    assert done.kept.specialty == "Interventional cardiology"  # chosen from the duplicate
    assert done.kept.email == "ada@aurel.example"  # a blank filled
    assert done.kept.titles == ("Prof.", "Dr.")
    assert set(done.kept.hobbies) == {"sailing", "opera", "chess"}
    assert people.get(graph, "p-ada2") is None
    assert people.merged_into(graph, "p-ada2") == "p-ada"
    found = graph.run(
        """
        MATCH (a:Person {id: 'p-ada'})-[r]-(x) WHERE NOT x:Change
        RETURN type(r) + CASE WHEN startNode(r) = a THEN ' -> ' ELSE ' <- ' END + x.id AS tie
        ORDER BY tie
        """
    ).value()
    assert found == [
        "ADDRESSES <- pa-dup",
        "ATTENDED -> e-congress",
        "COVERS <- u-kam",
        "INFLUENCES -> p-somchai",
        "INFLUENCES <- p-ivan",
        "KNOWS -> p-eleni",
        "KNOWS -> p-ivan",  # both knew Ivan: one tie, Ada's own
        "MEMBER_OF -> org-hosp",
        "MERGED_INTO <- p-ada2",
        "PLAN_FOR <- pp-dup",
        "REPORTS_TO <- p-somchai",
        "ROLE_IN -> t-stents",
        "TIES_TO -> org-rival",
        "TO <- tv-dup",
        "WITH <- i-1",
        "WITH <- i-dup",
        "WORKS_AT -> org-card",
        "WORKS_AT -> org-hosp",
    ]
    assert _knows(graph, "p-ada", "p-ivan")[0]["kind"] == "colleague"
    # A tie that moved is a change a sync by updated_since must see; Ada's own is not.
    stamped = graph.run(
        "MATCH (:Person {id: 'p-ada'})-[r:INFLUENCES|KNOWS]-(x:Person) "
        "RETURN type(r) + ' ' + x.id AS tie, toString(date(r.updated_at)) AS day ORDER BY tie"
    ).data()
    moved_on = {row["tie"]: row["day"] for row in stamped}
    assert moved_on["INFLUENCES p-somchai"] == "2026-11-20"
    assert moved_on["KNOWS p-ivan"] != "2026-11-20"
    entry = next(e for e in audit.recent(graph, target_id="p-ada") if e.action == "merge")
    assert entry.user_id == "u-lead"
    assert {f: (b, a) for f, b, a in entry.changes} == {
        "id": ("p-ada2", "p-ada"),
        "email": ("p-ada", "p-ada2"),
        "specialty": ("p-ada", "p-ada2"),
    }
    # ...and the change log: one entry about the kept person, naming the duplicate.
    logged = graph.run(
        "MATCH (c:Change)-[:ABOUT]->(:Person {id: 'p-ada'}) "
        "RETURN c.kind AS kind, c.by AS by, c.merged_id AS gone, c.fields AS fields"
    ).data()
    assert logged == [
        {"kind": "merged", "by": "u-lead", "gone": "p-ada2", "fields": ["email", "specialty"]}
    ]


DUPLICATE_PEOPLE = """id,given_name,family_name,birthday,email
p-sem-ru,Пётр,Семёнов,,
p-sem-en,Petr,Semenov,,
p-rossi-1,Maria,Rossi,04.03.1970,
p-rossi-2,M.,Rossi,04.03.1970,
p-virt-1,Anna,Virtanen,01.01.1965,
p-virt-2,Anna,Virtanen,05.05.1980,
p-mail-1,Jonas,Berg,,j.berg@aurel.example
p-mail-2,J.,Berg,,J.Berg@aurel.example
"""
DUPLICATE_JOBS = """type,from_id,to_id,title
WORKS_AT,p-sem-ru,org-hosp,Surgeon
WORKS_AT,p-sem-en,org-hosp,Surgeon
"""


def test_duplicates_finds_spellings_and_birthdays_not_namesakes(
    graph: neo4j.Session, tmp_path: Path, neo4j_config: dict[str, Any]
) -> None:
    folder = _bundle(tmp_path, people=DUPLICATE_PEOPLE, relationships=DUPLICATE_JOBS)
    for name in ("interactions", "tenders"):
        (folder / f"{name}.csv").unlink()
    service.import_path(graph, folder)
    result = kamgraph("people", "duplicates", "--json", env=cli_env(neo4j_config))
    assert result.returncode == 0, result.stderr
    pairs = {(p["a"], p["b"]): p for p in json.loads(result.stdout)}
    assert set(pairs) == {
        ("p-sem-en", "p-sem-ru"),
        ("p-rossi-1", "p-rossi-2"),
        ("p-mail-1", "p-mail-2"),
    }
    semenov = pairs["p-sem-en", "p-sem-ru"]
    assert semenov["reasons"][0] == "the same family name in Latin letters: semenov"
    assert "the same employer: St. Aurel Hospital" in semenov["reasons"]
    assert "the same birth date" in pairs["p-rossi-1", "p-rossi-2"]["reasons"]
    assert "the same email" in pairs["p-mail-1", "p-mail-2"]["reasons"]
    # Two Anna Virtanens born fifteen years apart are two people.
    low = kamgraph("people", "duplicates", "--min-score", "0", "--json", env=cli_env(neo4j_config))
    virtanen = next(p for p in json.loads(low.stdout) if p["a"] == "p-virt-1")
    assert virtanen["score"] < 0.6
    assert "different birthdays" in virtanen["reasons"]


def test_the_merge_command_asks_and_merges(
    graph: neo4j.Session, tmp_path: Path, neo4j_config: dict[str, Any]
) -> None:
    service.import_path(graph, MINIMAL)
    graph.run(MERGE_FIXTURE).consume()
    env = cli_env(neo4j_config)
    refused = kamgraph("people", "merge", "p-ada", "p-ada2", stdin="n\n", env=env)
    assert refused.returncode == 1
    assert "specialty: 'Cardiology' | 'Interventional cardiology'  -> from p-ada" in refused.stdout
    assert people.get(graph, "p-ada2") is not None
    ran = kamgraph(
        "people", "merge", "p-ada", "p-ada2", "--keep", "p-ada2", "--field", "specialty=p-ada",
        "--yes", env=env,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert "merged p-ada into p-ada2" in ran.stdout
    kept = people.get(graph, "p-ada2")
    assert kept is not None
    assert kept.specialty == "Cardiology"
    assert people.merged_into(graph, "p-ada") == "p-ada2"
    assert [e.action for e in audit.recent(graph, target_id="p-ada2")][:1] == ["merge"]


BIG_BLOCK_PEOPLE = """id,given_name,family_name,birthday
p-rossi-a,Maria,Rossi,04.03.1970
p-rossi-b,Marco,Rossi,11.06.1981
p-rossi-c,Luca,Rossi,21.09.1975
p-rossi-d,Giulia,Rossi,02.12.1990
p-rossi-e,Maria,Rossi,04.03.1970
p-sem-ru,Пётр,Семёнов,
p-sem-en,Petr,Semenov,
"""


def test_the_duplicates_page_reads_a_common_name_window_by_window_and_skips_no_one(
    graph: neo4j.Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five Rossis do not fit a window of two people: "More people" reads on inside the
    block instead of jumping to the next name, so no Rossi is skipped and the Semenovs
    after them are reached."""
    folder = _bundle(tmp_path, people=BIG_BLOCK_PEOPLE, relationships="type,from_id,to_id\n")
    for name in ("interactions", "tenders"):
        (folder / f"{name}.csv").unlink()
    service.import_path(graph, folder)
    read: list[str] = []
    after: str | None = ""
    while after is not None:
        blocks, after = duplicates_repo.window(graph, after, clock.today(), limit=2)
        read += [person.id for block in blocks for person in block]
    assert sorted(read) == sorted(line.split(",")[0] for line in BIG_BLOCK_PEOPLE.split()[1:])

    admin = scopes.Scope(User("u-admin", "admin@example.org", "Ines", "admin"), everything=True)
    names: list[tuple[str, str]] = []
    after = ""
    while after is not None:
        page = duplicates.duplicates_page(graph, admin, after=after, window=2)
        names += [(pair.a_name, pair.b_name) for pair in page.pairs]
        after = page.next_after
    assert ("Petr Semenov", "Пётр Семёнов") in names

    monkeypatch.setattr(duplicates, "PAGE_PAIRS", 1)
    page = duplicates.duplicates_page(graph, admin, min_score=0.0)
    assert len(page.pairs) == 1
    assert page.more_pairs
