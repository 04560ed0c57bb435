"""Importing kamgraph and asking the CLI for help load only what they use (ARCHITECTURE.md)."""

import subprocess
import sys

import pytest

HEAVY = {"flask", "werkzeug", "waitress", "neo4j", "networkx", "rich", "igraph", "scipy"}


def _top_level_modules_after(code: str) -> set[str]:
    """The top-level packages loaded by a fresh interpreter running `code`."""
    probe = (
        f"{code}\nimport sys\n"
        "print('MODULES', ' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    ran = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    line = next(x for x in ran.stdout.splitlines() if x.startswith("MODULES "))
    return set(line.split()[1:])


def test_analytics_loads_networkx_but_no_web_framework_driver_or_cli() -> None:
    loaded = _top_level_modules_after("import kamgraph.analytics.influence")
    assert "networkx" in loaded
    assert loaded & {"flask", "werkzeug", "waitress", "neo4j", "rich", "click"} == set()


@pytest.mark.parametrize("argv", [["--help"], ["db", "--help"], ["analyze", "--help"]])
def test_cli_help_loads_none_of_the_heavy_libraries(argv: list[str]) -> None:
    code = f"from kamgraph.cli import cli\ntry:\n    cli({argv!r})\nexcept SystemExit:\n    pass"
    assert _top_level_modules_after(code) & HEAVY == set()


def test_the_app_factory_is_found_by_flask_without_being_built_at_import() -> None:
    import kamgraph

    assert "create_app" not in vars(kamgraph)  # not assembled by `import kamgraph`
    assert callable(kamgraph.create_app)  # ... but there for `flask --app kamgraph`
