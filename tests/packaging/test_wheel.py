"""The built wheel carries cypher/, web/ and the Neo4j launcher, and works from a fresh venv."""

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(REPO)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (built,) = out.glob("kamgraph-*.whl")
    return built


@pytest.mark.slow
def test_wheel_contains_queries_templates_and_launcher(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "kamgraph/cypher/schema.cypher" in names
    assert "kamgraph/cypher/health/server.cypher" in names
    assert "kamgraph/web/templates/base.html" in names
    assert "kamgraph/web/static/app.css" in names
    assert "kamgraph/neo4j-launcher/pom.xml" in names
    assert "kamgraph/seeds/demo/people.csv" in names
    assert not any("/target/" in name for name in names)


@pytest.mark.slow
def test_installed_wheel_runs_the_cli_and_loads_a_query(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    # The wheel alone: its dependencies come from the suite's own environment (on PYTHONPATH,
    # where Python reads no .pth file, so the checkout's editable install stays out of reach).
    subprocess.run(
        [str(bin_dir / "pip"), "install", "--quiet", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    # Run outside the checkout, so nothing can come from the source tree.
    env = {
        "PATH": str(bin_dir),
        "HOME": str(tmp_path),
        "KAMGRAPH_HOME": str(tmp_path / "h"),
        "PYTHONPATH": sysconfig.get_paths()["purelib"],
    }

    def run(*command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command,
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )

    shown = run(str(bin_dir / "kamgraph"), "--help")
    assert shown.returncode == 0, shown.stderr
    assert "db " in shown.stdout
    assert "serve " in shown.stdout

    probe = (
        "from kamgraph.cypher import q; from kamgraph.resources import resource_dir;"
        "print(resource_dir('web')); print(q('health/server'))"
    )
    loaded = run(str(bin_dir / "python"), "-c", probe)
    assert loaded.returncode == 0, loaded.stderr
    web_dir, query = loaded.stdout.split("\n", 1)
    assert web_dir.startswith(str(env_dir))
    imported = run(str(bin_dir / "python"), "-c", "import kamgraph; print(kamgraph.__file__)")
    assert imported.stdout.startswith(str(env_dir)), imported.stdout + imported.stderr
    assert "CALL dbms.components()" in query
