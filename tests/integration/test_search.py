"""Search finds people the way KAMs in Albania, Finland, Italy, Russia, Thailand (and their
Greek colleagues) type them: without diacritics, with them, in Latin letters, by a part
of a Thai name, by job title, with a typo; and says why a result matched."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import neo4j
import pytest

from kamgraph import web_db
from kamgraph.repository import search
from kamgraph.services import data as service

from .helpers import cli_env, kamgraph
from .web_support import KAM, demo_app_on, sign_in

PEOPLE = """id,given_name,family_name,specialty
p-sq,Arbër,Këlliçi,Cardiology
p-sq2,Arber,Kelmendi,
p-fi,Päivi,Järvinen,Oncology
p-it,Niccolò,D'Annunzio,
p-ru,Пётр,Семёнов,Кардиология
p-ru2,Анна,Королёва,
p-ru3,Олег,Дворжин,
p-th,สมศักดิ์,วงศ์สวัสดิ์,
p-el,Νικόλαος,Παπαδόπουλος,
p-el2,Ελένη,Ψυχογιού,
"""
ORGANIZATIONS = (
    "id,name,kind\norg-h,Spitali Rajonal Durrës,hospital\norg-c,Cardiology Durrës,department\n"
)
TIES = """type,from_id,to_id,title,department
WORKS_AT,p-sq,org-c,Head of Cardiology,
WORKS_AT,p-fi,org-h,Chief Physician,Oncology
WORKS_AT,p-ru3,org-c,Deputy Head of Cardiology,
"""


@pytest.fixture
def region(graph: neo4j.Session, tmp_path: Path) -> neo4j.Session:
    """The people above, imported from CSV files as a user would."""
    (tmp_path / "people.csv").write_text(PEOPLE, encoding="utf-8")
    (tmp_path / "organizations.csv").write_text(ORGANIZATIONS, encoding="utf-8")
    (tmp_path / "relationships.csv").write_text(TIES, encoding="utf-8")
    service.import_path(graph, tmp_path)
    return graph


def found(session: neo4j.Session, text: str) -> list[str]:
    return [hit.id for hit in search.search(session, text)["person"]]


@pytest.mark.parametrize(
    ("typed", "person"),
    [
        # Albanian: ë and ç typed plainly, and as written.
        ("kellici", "p-sq"),
        ("Këlliçi", "p-sq"),
        ("arbër këll", "p-sq"),
        # Finnish: ä typed as a.
        ("jarvinen", "p-fi"),
        ("Järvinen", "p-fi"),
        ("paivi", "p-fi"),
        # Italian: ò and the apostrophe.
        ("niccolo", "p-it"),
        ("d'annunzio", "p-it"),
        # Russian: without ё, with it, and in Latin letters.
        ("Семенов", "p-ru"),
        ("Семёнов", "p-ru"),
        ("семенов петр", "p-ru"),
        ("semenov", "p-ru"),
        ("petr semenov", "p-ru"),
        ("Королева", "p-ru2"),
        ("koroleva", "p-ru2"),
        ("oleg", "p-ru3"),
        ("Олег", "p-ru3"),
        # Thai: the whole name, a part in the middle, and its Latin spelling.
        ("สมศักดิ์", "p-th"),
        ("ศักดิ์", "p-th"),
        ("สวัสดิ์", "p-th"),
        ("somsak", "p-th"),
        # Greek: without tonos, with it, in Latin letters, and a final sigma.
        ("Νικολαος", "p-el"),
        ("νικόλαος", "p-el"),
        ("nikolaos", "p-el"),
        ("papadopoulos", "p-el"),
        ("Ψυχογιου", "p-el2"),
        ("psychogiou", "p-el2"),
        # A typo in a longer word.
        ("Jarvinnen", "p-fi"),
        ("Semyonov", "p-ru"),
        # Job titles, departments and specialties.
        ("chief physician", "p-fi"),
        ("head of cardiology", "p-sq"),
        ("кардиология", "p-ru"),
    ],
)
def test_people_are_found_as_users_type_them(
    region: neo4j.Session, typed: str, person: str
) -> None:
    assert person in found(region, typed)


def test_the_person_typed_comes_first_and_others_stay_out(region: neo4j.Session) -> None:
    assert found(region, "head of cardiology")[0] == "p-sq"  # before the deputy head
    assert found(region, "Arber Kelmendi") == ["p-sq2"]  # the other Arbër is not him
    assert set(found(region, "kel")) == {"p-sq", "p-sq2"}
    assert found(region, "Смирнов") == []  # another name is not a typo of his
    assert found(region, "zzqx") == []


def test_results_say_why_they_matched(region: neo4j.Session) -> None:
    hits = {h.id: h for h in search.search(region, "semenov")["person"]}
    assert (hits["p-ru"].why, hits["p-ru"].detail) == ("spelling", "semenov")
    by_job = search.search(region, "chief physician")["person"][0]
    assert (by_job.why, by_job.context) == (
        "job",
        "Chief Physician, Oncology, Spitali Rajonal Durrës",
    )
    by_name = search.search(region, "Järvinen")["person"][0]
    assert by_name.why is None  # the name shows why
    typo = search.search(region, "Jarvinnen")["person"][0]
    assert typo.why == "similar"


def test_the_search_page_says_which_spelling_matched(
    graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    app = demo_app_on(graph, neo4j_config)
    client = app.test_client()
    sign_in(client, KAM)
    only = client.get("/search?q=dvorzhin")
    assert only.status_code == 302  # one person: the dossier opens
    assert only.headers["Location"].startswith("/people/")
    html = client.get("/search?q=dvorzhin&exact=0").get_data(as_text=True)
    assert "Олег Игоревич Дворжин" in html  # the patronymic between the names
    assert "found as “dvorzhin”" in html
    by_job = client.get("/search?q=chief+pharmacist").get_data(as_text=True)
    assert by_job.count("found by job title or department") >= 2
    web_db.close(app)


def test_db_init_gives_older_records_their_search_keys(
    region: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    """A database written by an older version has no keys: `db init` adds them, once,
    without counting an edit."""
    region.run("MATCH (p:Person) REMOVE p.search_key, p.search_key_v").consume()
    assert found(region, "semenov") == []
    versions = region.run("MATCH (p:Person {id: 'p-ru'}) RETURN p.version AS v").single()
    first = kamgraph("db", "init", env=cli_env(neo4j_config))
    assert first.returncode == 0
    assert "search keys made for 10 records" in first.stdout
    assert found(region, "semenov") == ["p-ru"]
    again = kamgraph("db", "init", env=cli_env(neo4j_config))
    assert "search keys" not in again.stdout
    after = region.run("MATCH (p:Person {id: 'p-ru'}) RETURN p.version AS v").single()
    assert versions is not None
    assert after is not None
    assert after["v"] == versions["v"]
