"""Configuration: environment names, defaults, and how the Neo4j connection is resolved."""

from pathlib import Path

import pytest

from kamgraph import config, db
from kamgraph.errors import Invalid


def test_environment_overrides_defaults_by_prefixed_name() -> None:
    settings = config.from_env({"KAMGRAPH_NEO4J_DATABASE": "kol", "OTHER": "x"})
    assert settings["NEO4J_DATABASE"] == "kol"
    assert settings["NEO4J_USER"] == "neo4j"
    assert "OTHER" not in settings


def test_home_defaults_to_xdg_data_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert config.home_dir(config.from_env({})) == tmp_path / "kamgraph"
    assert config.home_dir({"HOME": str(tmp_path / "h")}) == tmp_path / "h"


@pytest.mark.parametrize(
    "uri", ["bolt://db:7687", "neo4j://cluster:7687", "neo4j+s://abcd.databases.neo4j.io"]
)
def test_any_bolt_or_neo4j_uri_is_accepted(uri: str) -> None:
    resolved = db.neo4j_settings({"NEO4J_URI": uri, "NEO4J_PASSWORD": "pw"})
    assert (resolved.uri, resolved.local, resolved.password) == (uri, None, "pw")


def test_a_non_bolt_uri_is_refused_with_the_allowed_schemes() -> None:
    with pytest.raises(Invalid, match=r"http://db:7474.*bolt://.*neo4j\+s://"):
        db.neo4j_settings({"NEO4J_URI": "http://db:7474"})


def test_local_neo4j_is_the_default_and_reads_port_and_password_from_home(tmp_path: Path) -> None:
    (tmp_path / "neo4j.port").write_text("7999\n")
    (tmp_path / "neo4j.password").write_text("from-the-file\n")
    resolved = db.neo4j_settings({"HOME": str(tmp_path)})
    assert resolved.uri == "bolt://127.0.0.1:7999"
    assert resolved.password == "from-the-file"
    assert resolved.local is not None


def test_configured_password_wins_over_the_file(tmp_path: Path) -> None:
    (tmp_path / "neo4j.password").write_text("from-the-file\n")
    resolved = db.neo4j_settings({"HOME": str(tmp_path), "NEO4J_PASSWORD": "configured"})
    assert resolved.password == "configured"
    assert "configured" not in repr(resolved)


def _readme_table() -> dict[str, tuple[str, str]]:
    """The README's configuration table: variable -> (default, meaning)."""
    text = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `KAMGRAPH_")]
    found: dict[str, tuple[str, str]] = {}
    for row in rows:
        variable, default, meaning = (cell.strip() for cell in row.strip("|").split(" | ", 2))
        found[variable.strip("`")] = (default, meaning.rstrip(" |").strip())
    return found


def test_the_readme_lists_every_setting_as_it_is_declared() -> None:
    table = _readme_table()
    assert sorted(table) == sorted(s.variable for s in config.SETTINGS)
    for setting in config.SETTINGS:
        default, meaning = table[setting.variable]
        shown = setting.shown or f"`{setting.default}`"
        assert (default, meaning) == (shown, setting.help), setting.name


def test_every_declared_default_is_of_its_type() -> None:
    for setting in config.SETTINGS:
        if setting.default is not None and setting.kind is not str:
            setting.kind(setting.default)  # raises if a default does not parse
