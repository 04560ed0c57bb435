"""The committed demo CSVs are exactly what seeds/make_demo.py makes from seeds/demo-src, in
the import format's columns, and the build stops on a broken source."""

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kamgraph import schema
from kamgraph.seeding import make_demo
from kamgraph.seeding.demo_sources import read_sources

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def test_generated_demo_files_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(SEEDS / "make_demo.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_generated_files_have_the_schemas_columns_in_its_order() -> None:
    for table in (schema.PEOPLE, schema.RELATIONSHIPS):
        names = [c.name for c in table.columns]
        header = _header(SEEDS / "demo" / f"{table.name}.csv")
        assert header == [n for n in names if n not in make_demo.LEFT_TO_IMPORT]
    # Every column left to the import is one: a renamed schema column cannot hide here.
    known = {c.name for t in (schema.PEOPLE, schema.RELATIONSHIPS) for c in t.columns}
    assert known >= make_demo.LEFT_TO_IMPORT


def test_the_hand_written_sources_use_only_the_schemas_columns() -> None:
    people = {c.name for c in schema.PEOPLE.columns}
    assert set(_header(SEEDS / "demo-src" / "key_people.csv")) <= people
    for name in make_demo.REL_SOURCES:
        path = SEEDS / "demo-src" / name
        header = set(_header(path))
        with path.open(encoding="utf-8", newline="") as handle:
            types = {
                row.get("type") or name.removesuffix(".csv").upper()
                for row in csv.DictReader(handle)
            }
        allowed = set(make_demo.COMMON_REL_COLUMNS)
        for rel_type in types:
            allowed |= set(schema.RELATIONSHIP_RULES[rel_type].props)
        assert header <= allowed, name


def test_the_sources_read_in_order_and_byte_exact() -> None:
    sources = read_sources(SEEDS / "demo-src")
    assert next(iter(sources.groups)) == "org-ministry"  # staff are made in the file's order
    assert sources.given_names[:3] == ("Aino", "Alba", "Alma")
    assert "Zsófia" in sources.given_names
    assert "Ševčík" in sources.family_names
    named = {n.id: n for n in sources.named}
    assert (named["p-napha-saengthong"].given_name, named["p-dmitri-ryabov"].family_name) == (
        "นภา",
        "Рябов",
    )
    assert sum(s.count for g in sources.groups.values() for s in g.slots) + len(named) == 189


def _copy_seeds(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS / "demo", seeds / "demo")
    shutil.copytree(SEEDS / "demo-src", seeds / "demo-src")
    return seeds


@pytest.mark.parametrize(
    ("file", "old", "new", "problem"),
    [
        ("staff_groups.csv", "group,department", "org,department", "the header must be"),
        ("staff_slots.csv", "Dr.,p-helena-strand", "Dr.,p-helena-strang", "unknown id"),
        ("region.toml", '"p-oskar-brandt"', '"p-oskar-brandt", "p-ada-rowan"', "crosses nothing"),
        ("staff_named.csv", "Senior Intensivist", "Chief Intensivist", "no slot"),
    ],
)
def test_a_broken_source_stops_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], file: str, old: str, new: str, problem: str
) -> None:
    seeds = _copy_seeds(tmp_path)
    path = seeds / "demo-src" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert make_demo.main(["--check"], seeds=seeds) == 1
    assert problem in capsys.readouterr().err


def test_the_build_writes_the_committed_files(tmp_path: Path) -> None:
    seeds = _copy_seeds(tmp_path)
    (seeds / "demo" / "people.csv").unlink()
    (seeds / "demo" / "relationships.csv").unlink()
    assert make_demo.main([], seeds=seeds) == 0
    for name in ("people.csv", "relationships.csv"):
        assert (seeds / "demo" / name).read_bytes() == (SEEDS / "demo" / name).read_bytes()
