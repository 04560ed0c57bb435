"""Import and export through the real Neo4j: validation, idempotence, formats, round trips."""

import csv
import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import icalendar
import neo4j
import pytest
import vobject  # pyright: ignore[reportMissingTypeStubs]
from openpyxl import Workbook

from kamgraph import clock
from kamgraph.repository import bundles, deputies, handover, users, week
from kamgraph.services import data as service
from kamgraph.services import scope as scopes
from kamgraph.services.data import InvalidBundle

from .helpers import cli_env, graph_counts, kamgraph

MINIMAL = Path(__file__).resolve().parents[1] / "data" / "minimal"


def _copy_minimal(tmp_path: Path) -> Path:
    folder = tmp_path / "bundle"
    shutil.copytree(MINIMAL, folder)
    return folder


def _wipe(graph: neo4j.Session) -> None:
    graph.run("MATCH (n) DETACH DELETE n").consume()


def test_import_creates_everything_and_reimport_changes_nothing(graph: neo4j.Session) -> None:
    first = service.import_path(graph, MINIMAL)
    assert first.counts is not None
    assert first.counts.created == {
        "organizations": 4,
        "users": 1,
        "people": 4,
        "tenders": 1,
        "interactions": 1,
        "relationships": 7,
    }
    after_first = graph_counts(graph)
    again = service.import_path(graph, MINIMAL)
    assert again.counts is not None
    assert sum(again.counts.created.values()) == 0
    assert sum(again.counts.updated.values()) == 0
    assert graph_counts(graph) == after_first


def test_dry_run_validates_and_writes_nothing(graph: neo4j.Session) -> None:
    result = service.import_path(graph, MINIMAL, dry_run=True)
    assert result.counts is None
    assert result.rows["people"] == 4
    assert graph_counts(graph) == (0, 0)


def test_three_bad_rows_in_two_files_are_all_reported_and_nothing_is_written(
    graph: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    service.import_path(graph, MINIMAL)
    before = graph_counts(graph)
    folder = _copy_minimal(tmp_path)
    people = (folder / "people.csv").read_text(encoding="utf-8")
    people = people.replace("12.03.1961", "31.02.1961").replace(",finance,", ",financier,")
    (folder / "people.csv").write_text(people, encoding="utf-8")
    rels = (folder / "relationships.csv").read_text(encoding="utf-8")
    (folder / "relationships.csv").write_text(
        rels.replace("decision_maker,champion", "decision_maker,champoin"), encoding="utf-8"
    )
    result = kamgraph("import", str(folder), env=cli_env(neo4j_config))
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if not line.startswith("Error:")]
    assert problems == [
        "people.csv:2: birthday: '31.02.1961' is not a real birthday: that month has no day 31",
        "people.csv:3: dmu_type: 'financier': did you mean 'finance'?",
        "relationships.csv:5: stance: 'champoin': did you mean 'champion'?",
    ]
    assert "Error: 3 problem(s) found; nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert graph_counts(graph) == before


def test_references_missing_columns_and_duplicates_are_named(
    graph: neo4j.Session, tmp_path: Path
) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "people.csv").write_text(
        "id,given_name,family_name,hobby\np1,Ada,Rowan,\np1,Bo,,\n", encoding="utf-8"
    )
    (folder / "relationships.csv").write_text(
        "type,from_id,to_id,kind,stance\nKNOWS,p1,p-ghost,friend,champion\n", encoding="utf-8"
    )
    with pytest.raises(InvalidBundle) as caught:
        service.import_path(graph, folder)
    assert [str(p) for p in caught.value.problems] == [
        "people.csv:1: hobby: unknown column; did you mean 'hobbies'?",
        "people.csv:3: family_name: required, but empty",
        "people.csv:3: id: duplicate 'p1' (first on line 2)",
        "relationships.csv:2: stance: does not apply to KNOWS; leave it empty",
        "relationships.csv:2: to_id: unknown person id 'p-ghost'",
    ]


def test_references_may_point_at_records_already_in_the_database(
    graph: neo4j.Session, tmp_path: Path
) -> None:
    service.import_path(graph, MINIMAL)
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "relationships.csv").write_text(
        "type,from_id,to_id,kind\nKNOWS,p-eleni,p-somchai,friend\nTIES_TO,p-ada,org-hosp,advisor\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidBundle) as caught:
        service.import_path(graph, folder)
    assert [str(p) for p in caught.value.problems] == [
        "relationships.csv:3: to_id: organization 'org-hosp' is a hospital, not a competitor"
    ]


def test_semicolon_csv_with_bom_from_excel_imports(graph: neo4j.Session, tmp_path: Path) -> None:
    folder = tmp_path / "excel"
    folder.mkdir()
    (folder / "people.csv").write_text(
        'id;given_name;family_name;birthday;hobbies\np-th;สมชาย;ใจดี;30.11.1975;"golf; orchids"\n',
        encoding="utf-8-sig",
    )
    service.import_path(graph, folder)
    row = graph.run(
        "MATCH (p:Person {id: 'p-th'}) RETURN p.name AS name, p.birthday_md AS md, "
        "p.hobbies AS hobbies"
    ).single()
    assert row is not None
    assert (row["name"], row["md"], row["hobbies"]) == ("สมชาย ใจดี", "11-30", ["golf", "orchids"])


def test_a_missing_column_leaves_a_field_alone_and_an_empty_cell_clears_it(
    graph: neo4j.Session, tmp_path: Path
) -> None:
    service.import_path(graph, MINIMAL)
    folder = tmp_path / "edit"
    folder.mkdir()
    (folder / "people.csv").write_text(
        "id,given_name,family_name,specialty\np-ada,Ada,Rowan,\n", encoding="utf-8"
    )
    result = service.import_path(graph, folder)
    assert result.counts is not None
    assert result.counts.updated["people"] == 1
    row = graph.run(
        "MATCH (p:Person {id: 'p-ada'}) RETURN p.specialty AS s, p.hobbies AS h, p.version AS v"
    ).single()
    assert row is not None
    assert (row["s"], row["h"], row["v"]) == (None, ["sailing", "opera"], 2)


def _export_bytes(graph: neo4j.Session, path: Path, fmt: str) -> dict[str, bytes]:
    service.export_path(graph, path, fmt)
    files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
    return {p.name: p.read_bytes() for p in files}


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_wipe_import_export_is_byte_identical(
    graph: neo4j.Session, tmp_path: Path, fmt: str
) -> None:
    service.import_path(graph, MINIMAL)
    first = tmp_path / ("first.json" if fmt == "json" else "first")
    before = _export_bytes(graph, first, fmt)
    _wipe(graph)
    service.import_path(graph, first)
    after = _export_bytes(graph, tmp_path / ("second.json" if fmt == "json" else "second"), fmt)
    assert list(after.values()) == list(before.values())
    assert sum(len(content) for content in before.values()) > 1500


def _deputise_and_hand_over(graph: neo4j.Session, tmp_path: Path) -> None:
    """What the app writes of a KAM's absence and departure: Lena Berg stands in for Kira
    Lund next week (an earlier deputyship was ended at once), and a lead hands Kira's work,
    her open next step included, to Lena."""
    service.import_path(graph, MINIMAL)
    folder = tmp_path / "colleague"
    folder.mkdir()
    (folder / "users.csv").write_text(
        "id,email,name,role\nu-lena,lena@northwind.example,Lena Berg,kam\n", encoding="utf-8"
    )
    service.import_path(graph, folder)
    today = clock.today()
    period = {"user_id": "u-kam", "deputy_id": "u-lena", "by": "u-kam"}
    deputies.name(graph, "dep-early", starts_on=today, ends_on=today, **period)
    deputies.end(graph, "dep-early", by="u-kam")
    week_later = today + timedelta(days=7)
    deputies.name(graph, "dep-week", starts_on=today, ends_on=week_later, **period)
    moves = handover.preview(graph, "u-kam", today)
    assert moves is not None
    assert [m.id for m in moves.follow_ups] == ["i-1"]
    handover.hand_over(graph, "u-kam", "u-lena", token=moves.token("u-lena"), by="u-lead")


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_deputies_and_handed_over_follow_ups_survive_export_wipe_import(
    graph: neo4j.Session, tmp_path: Path, fmt: str
) -> None:
    _deputise_and_hand_over(graph, tmp_path)
    first = tmp_path / ("first.json" if fmt == "json" else "first")
    before = _export_bytes(graph, first, fmt)
    _wipe(graph)
    service.import_path(graph, first)
    after = _export_bytes(graph, tmp_path / ("second.json" if fmt == "json" else "second"), fmt)
    assert list(after.values()) == list(before.values())
    if fmt == "csv":
        assert before["interactions.csv"].decode().splitlines()[1].endswith(",u-lena")
        assert before["deputyships.csv"].decode().splitlines()[1:] == [
            f"dep-early,u-kam,u-lena,{clock.today()},{clock.today()},u-kam,"
            f"{_stamp(graph, 'dep-early', 'named_at')},{_stamp(graph, 'dep-early', 'ended_at')},"
            "u-kam",
            f"dep-week,u-kam,u-lena,{clock.today()},{clock.today() + timedelta(days=7)},u-kam,"
            f"{_stamp(graph, 'dep-week', 'named_at')},,",
        ]
    # What the team notices after the restore: Kira is away with Lena standing in (the
    # ended deputyship stays ended), and Kira's next step is on Lena's week, not hers.
    away = deputies.away(graph, ["u-kam"], clock.today())
    assert [(d.id, d.deputy) for d in away] == [("dep-week", "Lena Berg")]
    assert [f.id for f in week.follow_ups(graph, "u-lena", clock.today())] == ["i-1"]
    assert week.follow_ups(graph, "u-kam", clock.today()) == []


def test_a_kams_own_export_holds_her_deputyships_and_not_other_colleagues(
    graph: neo4j.Session, tmp_path: Path
) -> None:
    _deputise_and_hand_over(graph, tmp_path)
    folder = tmp_path / "others"
    folder.mkdir()
    (folder / "users.csv").write_text(
        "id,email,name,role\nu-ola,ola@northwind.example,Ola Ost,kam\n", encoding="utf-8"
    )
    (folder / "deputyships.csv").write_text(
        "id,user_id,deputy_id,starts_on,ends_on\ndep-ola,u-ola,u-lena,01.12.2026,05.12.2026\n",
        encoding="utf-8",
    )
    service.import_path(graph, folder)
    everything = bundles.read_everything(graph)
    assert [d["id"] for d in everything.rows("deputyships")] == ["dep-early", "dep-ola", "dep-week"]
    kira = users.get(graph, "u-kam")
    assert kira is not None
    hers = scopes.exported(graph, scopes.of(graph, kira), everything, sensitive=False)
    assert [d["id"] for d in hers.rows("deputyships")] == ["dep-early", "dep-week"]


def _stamp(graph: neo4j.Session, deputyship_id: str, field: str) -> str:
    row = graph.run(
        "MATCH (d:Deputyship {id: $id}) RETURN d[$field] AS at", id=deputyship_id, field=field
    ).single()
    assert row is not None
    return row["at"].to_native().strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_bad_deputyship_row_is_named_and_nothing_is_written(
    graph: neo4j.Session, neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    service.import_path(graph, MINIMAL)
    before = graph_counts(graph)
    folder = tmp_path / "absences"
    folder.mkdir()
    (folder / "users.csv").write_text(
        "id,email,name,role\nu-lena,lena@northwind.example,Lena Berg,kam\n", encoding="utf-8"
    )
    (folder / "deputyships.csv").write_text(
        "id,user_id,deputy_id,starts_on,ends_on,ended_at\n"
        "dep-1,u-kam,u-lena,01.12.2026,05.12.2026,\n"
        "dep-2,u-kam,u-ghost,01.12.2026,05.12.2026,\n"
        "dep-3,u-kam,u-kam,01.12.2026,05.12.2026,\n"
        "dep-4,u-lena,u-kam,09.12.2026,01.12.2026,\n"
        "dep-5,u-lena,u-kam,09.12.2026,,yesterday\n",
        encoding="utf-8",
    )
    (folder / "interactions.csv").write_text(
        "id,date,kind,user_id,follow_up_id\ni-2,2026-11-20,call,u-kam,u-gone\n",
        encoding="utf-8",
    )
    result = kamgraph("import", str(folder), env=cli_env(neo4j_config))
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if not line.startswith("Error:")]
    assert problems == [
        "deputyships.csv:3: deputy_id: unknown user id 'u-ghost'",
        "deputyships.csv:4: deputy_id: Name a colleague: nobody is her own deputy.",
        "deputyships.csv:5: ends_on: The absence ends before it starts.",
        "deputyships.csv:6: ended_at: 'yesterday' is not a date (use 31.12.2026 or 2026-12-31)",
        "deputyships.csv:6: ends_on: required, but empty",
        "interactions.csv:2: follow_up_id: unknown user id 'u-gone'",
    ]
    assert graph_counts(graph) == before


def test_xlsx_workbook_imports_like_the_csv_folder(graph: neo4j.Session, tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for path in sorted(MINIMAL.glob("*.csv")):
        sheet = workbook.create_sheet(path.stem)
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle):
                sheet.append(row)
    book = tmp_path / "book.xlsx"
    workbook.save(book)
    service.import_path(graph, book)
    from_xlsx = _export_bytes(graph, tmp_path / "a.json", "json")
    _wipe(graph)
    service.import_path(graph, MINIMAL)
    assert _export_bytes(graph, tmp_path / "b.json", "json") == {"b.json": from_xlsx["a.json"]}


def test_xlsx_problems_name_the_sheet_and_row(graph: neo4j.Session, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "people"
    sheet.append(["id", "given_name", "family_name", "dmu_type"])
    sheet.append(["p1", "Ada", "Rowan", "bos"])
    book = tmp_path / "book.xlsx"
    workbook.save(book)
    with pytest.raises(InvalidBundle) as caught:
        service.import_path(graph, book)
    assert [str(p) for p in caught.value.problems] == [
        "book.xlsx[people]:2: dmu_type: 'bos': did you mean 'boss'?"
    ]


def test_ics_feed_parses_with_right_dates_including_yearless_birthdays(
    graph: neo4j.Session, tmp_path: Path
) -> None:
    service.import_path(graph, MINIMAL)
    path = tmp_path / "feed.ics"
    service.export_path(graph, path, "ics")
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events: dict[str, Any] = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    ada = events["kamgraph-birthday-p-ada"]
    assert ada.decoded("dtstart") == __import__("datetime").date(1961, 3, 12)
    assert ada["rrule"].to_ical() == b"FREQ=YEARLY"
    eleni = events["kamgraph-birthday-p-eleni"].decoded("dtstart")
    assert (eleni.month, eleni.day) == (7, 15)
    assert "Ελένη Παπαδοπούλου" in str(events["kamgraph-birthday-p-eleni"]["summary"])
    follow_up = events["kamgraph-followup-i-1"]
    assert str(follow_up.decoded("dtstart")) == "2026-11-20"
    assert str(follow_up["summary"]) == (
        "Follow-up: Send clinical data pack (Ada Rowan, Иван Петров)"
    )
    deadline = events["kamgraph-tender-t-stents-submission_deadline"]
    assert str(deadline.decoded("dtstart")) == "2027-01-15"


def test_vcards_parse_and_leave_out_sensitive_fields(graph: neo4j.Session, tmp_path: Path) -> None:
    service.import_path(graph, MINIMAL)
    path = tmp_path / "people.vcf"
    service.export_path(graph, path, "vcf")
    cards: list[Any] = list(vobject.readComponents(path.read_text(encoding="utf-8")))
    by_uid: dict[str, Any] = {card.uid.value: card for card in cards}
    assert by_uid["kamgraph-person-p-ada"].fn.value == "Prof. Dr. Ada Rowan"
    assert by_uid["kamgraph-person-p-ada"].bday.value == "1961-03-12"
    assert by_uid["kamgraph-person-p-ivan"].bday.value == "1604-02-29"
    text = path.read_text(encoding="utf-8")
    assert "married to Tom" not in text
    assert "prefers mornings" not in text
