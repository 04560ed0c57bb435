"""Public tenders in OCDS through the real Neo4j: our tenders written as a release package
that the OCDS schema accepts, read back the same, and a portal's package imported with
what it holds beyond our model said, not dropped in silence."""

import json
from pathlib import Path
from typing import Any

import neo4j

from kamgraph.bundle.ocds import schema_errors
from kamgraph.services import data as service

from .helpers import cli_env, graph_counts, kamgraph

# A release package as a portal publishes it: two releases of one process (the second
# moves the deadline and adds a lot), a buyer we do not hold, documents, a classification
# and a lot priced in lek, none of which kamgraph keeps.
PORTAL: dict[str, Any] = {
    "uri": "https://portal.example/packages/42",
    "version": "1.1",
    "publishedDate": "2026-11-20T08:00:00Z",
    "publisher": {"name": "Agjencia e Prokurimit Publik"},
    "releases": [
        {
            "ocid": "ocds-b5fd17-app-2026-0042",
            "id": "app-2026-0042-01",
            "date": "2026-11-02T08:00:00Z",
            "tag": ["tender"],
            "initiationType": "tender",
            "parties": [
                {
                    "id": "AL-NIPT-K12345678",
                    "name": "Spitali Rajonal Korçë",
                    "roles": ["buyer", "procuringEntity"],
                    "address": {"locality": "Korçë", "countryName": "Albania"},
                }
            ],
            "buyer": {"id": "AL-NIPT-K12345678", "name": "Spitali Rajonal Korçë"},
            "tender": {
                "id": "REF-2026-0042",
                "title": "Enoxaparin pre-filled syringes 2027",
                "status": "active",
                "procurementMethod": "open",
                "tenderPeriod": {
                    "startDate": "2026-11-02T08:00:00Z",
                    "endDate": "2026-12-15T12:00:00Z",
                },
                "lots": [
                    {
                        "id": "1",
                        "title": "enoxaparin 40 mg",
                        "value": {"amount": 120000, "currency": "EUR"},
                    }
                ],
                "items": [
                    {
                        "id": "i1",
                        "description": "enoxaparin 40 mg pre-filled syringe",
                        "quantity": 90000,
                        "unit": {"name": "syringes"},
                        "relatedLot": "1",
                        "classification": {"scheme": "CPV", "id": "33600000"},
                    }
                ],
                "documents": [{"id": "d1", "url": "https://portal.example/d1.pdf"}],
            },
        },
        {
            "ocid": "ocds-b5fd17-app-2026-0042",
            "id": "app-2026-0042-02",
            "date": "2026-11-20T08:00:00Z",
            "tag": ["tenderAmendment"],
            "initiationType": "tender",
            "tender": {
                "id": "REF-2026-0042",
                "title": "Enoxaparin pre-filled syringes 2027",
                "status": "active",
                "tenderPeriod": {"endDate": "2027-01-10T12:00:00Z"},
                "lots": [
                    {
                        "id": "1",
                        "title": "enoxaparin 40 mg",
                        "value": {"amount": 120000, "currency": "EUR"},
                    },
                    {
                        "id": "2",
                        "title": "enoxaparin 60 mg",
                        "value": {"amount": 9000000, "currency": "ALL"},
                    },
                ],
            },
        },
    ],
}


def _undated(path: Path) -> dict[str, Any]:
    """An exported package without the moments of export (the package's and releases')."""
    package = json.loads(path.read_text(encoding="utf-8"))
    del package["publishedDate"]
    for release in package["releases"]:
        del release["date"]
    return package


def _tender(graph: neo4j.Session, tender_id: str) -> dict[str, Any]:
    row = graph.run(
        "MATCH (t:Tender {id: $id})-[:ISSUED_BY]->(o:Organization) "
        "OPTIONAL MATCH (l:Lot)-[:LOT_OF]->(t) "
        "WITH t, o, l ORDER BY l.number "
        "RETURN t {.*} AS t, o {.*} AS buyer, collect(l {.*}) AS lots",
        id=tender_id,
    ).single()
    assert row is not None, tender_id
    return row.data()


def test_our_tenders_are_valid_ocds_and_read_back_the_same(
    graph: neo4j.Session, tmp_path: Path, neo4j_config: dict[str, Any]
) -> None:
    env = cli_env(neo4j_config)
    seeded = kamgraph("seed", "demo", env=env)
    assert seeded.returncode == 0, seeded.stderr
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    service.export_path(graph, first, "ocds")
    package = json.loads(first.read_text(encoding="utf-8"))
    assert schema_errors(package) == []
    releases = {r["ocid"]: r for r in package["releases"]}
    lmwh = releases["ocds-kamgraph-t-aurel-lmwh-2027"]
    assert lmwh["tender"]["title"] == "LMWH anticoagulants 2028-2029"
    assert lmwh["buyer"] == {"id": "org-h-aurel", "name": "St. Aurel University Hospital"}
    assert [lot["title"] for lot in lmwh["tender"]["lots"]][:1] == [
        "enoxaparin 40 mg pre-filled syringe"
    ]
    tenders = graph.run("MATCH (t:Tender) RETURN count(t) AS n").single(strict=True)["n"]
    assert len(releases) == tenders

    graph.run("MATCH (n) DETACH DELETE n").consume()
    result = service.import_path(graph, first)
    assert result.rows["tenders"] == tenders
    assert result.notes == []  # what we write, we read
    service.export_path(graph, second, "ocds")
    assert _undated(second) == _undated(first)


def test_a_portals_package_is_imported_and_what_is_not_kept_is_said(
    graph: neo4j.Session, tmp_path: Path, neo4j_config: dict[str, Any]
) -> None:
    graph.run(
        "CREATE (:Organization {id: 'AL-NIPT-K12345678', name: 'Korçë Regional Hospital', "
        "kind: 'hospital', version: 1})"
    ).consume()
    path = tmp_path / "portal.json"
    path.write_text(json.dumps(PORTAL, ensure_ascii=False), encoding="utf-8")
    ran = kamgraph("import", str(path), env=cli_env(neo4j_config))
    assert ran.returncode == 0, ran.stderr
    assert "imported 1 tenders, 2 lots" in ran.stdout
    said = ran.stderr
    for field in ("tender.documents", "tender.items[].classification", "parties[].address"):
        assert f"portal.json[releases]:0: {field}: not imported" in said
    assert "tender.lots[].value (not in EUR): not imported" in said

    found = _tender(graph, "ocds-b5fd17-app-2026-0042")
    assert found["t"]["title"] == "Enoxaparin pre-filled syringes 2027"
    assert found["t"]["status"] == "announced"
    assert found["t"]["reference"] == "REF-2026-0042"
    assert str(found["t"]["submission_deadline"]) == "2027-01-10"  # the amendment's date
    assert str(found["t"]["announced_on"]) == "2026-11-02"
    # The buyer we hold stays as we hold it; the tender is linked to it.
    assert found["buyer"]["name"] == "Korçë Regional Hospital"
    assert found["buyer"]["kind"] == "hospital"
    lots = found["lots"]
    assert [(lot["inn"], lot.get("volume"), lot.get("unit")) for lot in lots] == [
        ("enoxaparin 40 mg", 90000, "syringes"),
        ("enoxaparin 60 mg", None, None),
    ]
    assert lots[0]["value"] == 120000
    assert lots[1].get("value") is None  # 9,000,000 lek are not 9,000,000 euros


def test_a_package_that_breaks_the_schema_is_refused_and_nothing_is_written(
    graph: neo4j.Session, tmp_path: Path, neo4j_config: dict[str, Any]
) -> None:
    broken = json.loads(json.dumps(PORTAL))
    broken["releases"][0]["tender"]["status"] = "open for bids"
    del broken["releases"][1]["ocid"]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    before = graph_counts(graph)
    ran = kamgraph("import", str(path), env=cli_env(neo4j_config))
    assert ran.returncode == 1
    assert (
        "broken.json:0: -: not valid OCDS: releases/0/tender/status: 'open for bids'" in ran.stderr
    )
    assert "releases/1: 'ocid' is a required property" in ran.stderr
    assert graph_counts(graph) == before
