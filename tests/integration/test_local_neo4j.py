"""`kamgraph db start|stop|status` on a second, independent home, as real processes."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kamgraph import connect

from .helpers import cli_env
from .helpers import kamgraph_process as kamgraph


@pytest.fixture
def second_home(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A fresh KAMGRAPH_HOME with its own Neo4j; stopped at the end whatever happens."""
    env = cli_env({"HOME": str(tmp_path / "home")})
    yield env
    kamgraph("db", "stop", env=env)


def _count_kept(settings: dict[str, Any]) -> int:
    with connect(settings) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (p:Person {id: 'kept'}) RETURN count(p) AS n", database_="neo4j"
        )
        return int(records[0]["n"])


def test_a_second_home_starts_refuses_conflicts_stops_and_keeps_its_data(
    second_home: dict[str, str], neo4j_config: dict[str, Any], tmp_path: Path
) -> None:
    # One story, so the run pays for one extra Neo4j (and one restart), not two.
    home = Path(second_home["KAMGRAPH_HOME"])
    home.mkdir(mode=0o755, parents=True)
    (home / "left-by-an-old-install.txt").write_text("x")
    (home / "left-by-an-old-install.txt").chmod(0o644)
    started = kamgraph("db", "start", "--bolt-port", "0", env=second_home)
    assert started.returncode == 0, started.stdout + started.stderr
    assert "is up at bolt://127.0.0.1:" in started.stdout
    assert (home / "neo4j.pid").exists()
    # The store, its transaction logs and its logs hold personal data: owner-only.
    wider = [p for p in [home, *home.rglob("*")] if not p.is_symlink() and p.stat().st_mode & 0o077]
    assert wider == []
    assert any((home / "neo4j" / "data").rglob("*")), "the store is there to check"
    assert oct((home / "neo4j.password").stat().st_mode & 0o777) == "0o600"

    again = kamgraph("db", "start", env=second_home)
    assert again.returncode == 0
    assert "already running" in again.stdout

    status = kamgraph("db", "status", env=second_home)
    assert (status.returncode, status.stdout.count("\n")) == (0, 1)
    assert status.stdout.startswith("Neo4j is up at")

    settings = {"HOME": second_home["KAMGRAPH_HOME"]}
    with connect(settings) as driver:
        driver.execute_query("CREATE (:Person {id: 'kept'})", database_="neo4j")
    # Two homes are two databases: the session's test database does not see it.
    assert _count_kept(neo4j_config) == 0

    # A third home asking for the second's port is refused in one line.
    port = (home / "neo4j.port").read_text().strip()
    other = cli_env({"HOME": str(tmp_path / "other")})
    taken = kamgraph("db", "start", "--bolt-port", port, env=other)
    assert taken.returncode == 1
    assert taken.stderr.strip().splitlines()[-1] == (
        f"Error: port {port} on 127.0.0.1 is already in use; pick another with --bolt-port"
    )

    # Lose the pid file, so only Neo4j's own store lock can tell that it is in use.
    pid_file = home / "neo4j.pid"
    pid = pid_file.read_text()
    pid_file.unlink()
    try:
        locked = kamgraph("db", "start", "--bolt-port", "0", env=second_home)
    finally:
        pid_file.write_text(pid)
    assert locked.returncode == 1
    last = locked.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: Neo4j did not start: the data directory ")
    assert last.endswith("is locked by another Neo4j process; stop it first")
    assert "Exception" not in locked.stderr

    stopped = kamgraph("db", "stop", env=second_home)
    assert (stopped.returncode, stopped.stdout.strip()) == (0, "Neo4j stopped")
    assert not (home / "neo4j.pid").exists()
    down = kamgraph("db", "status", env=second_home)
    assert (down.returncode, down.stdout.count("\n")) == (1, 1)
    assert "not running" in down.stdout

    archive = _back_up_stopped(second_home, tmp_path)
    _restart_and_restore(second_home, settings, archive, tmp_path)


def _back_up_stopped(env: dict[str, str], tmp_path: Path) -> Path:
    """A backup of the stopped store, owner-readable only."""
    archive = tmp_path / "backups" / "monday.tar.gz"
    backed_up = kamgraph("db", "backup", str(archive), env=env)
    assert backed_up.returncode == 0, backed_up.stderr
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    return archive


def _restart_and_restore(
    env: dict[str, str], settings: dict[str, Any], archive: Path, tmp_path: Path
) -> None:
    """The data is still there after a restart. Then a change after the backup, and the
    restore of a running Neo4j (stopped, restored, started again): the database is the
    backup's, and the replaced data is kept aside."""
    restarted = kamgraph("db", "start", env=env)
    assert restarted.returncode == 0, restarted.stdout + restarted.stderr
    assert _count_kept(settings) == 1
    home = Path(env["KAMGRAPH_HOME"])
    before = tmp_path / "before"
    assert kamgraph("export", str(before), env=env).returncode == 0

    with connect(settings) as driver:
        driver.execute_query("CREATE (:Person {id: 'after-backup'})", database_="neo4j")
    restored = kamgraph("db", "restore", str(archive), env=env)
    assert restored.returncode == 0, restored.stderr
    assert "previous data is kept in" in restored.stdout
    after = tmp_path / "after"
    assert kamgraph("export", str(after), env=env).returncode == 0
    assert _unmarked(after) == _unmarked(before)  # 'after-backup' is gone, 'kept' is back
    assert len(list((home / "neo4j").glob("data.before-restore-*"))) == 1

    not_a_backup = tmp_path / "notes.tar.gz"
    not_a_backup.write_bytes(b"not a tar file")
    refused = kamgraph("db", "restore", str(not_a_backup), env=env)
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines()[-1].startswith("Error: ")
    assert _count_kept(settings) == 1  # nothing lost, Neo4j running again


def _unmarked(folder: Path) -> dict[str, list[str]]:
    """An exported CSV folder's files, line by line, without their watermark lines."""
    return {
        f.name: [
            line
            for line in f.read_text(encoding="utf-8-sig").splitlines()
            if not line.startswith("# Exported")
        ]
        for f in folder.iterdir()
    }
