"""Helpers for integration tests: run the `kamgraph` command as a user would."""

import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import neo4j
from click.testing import CliRunner

from kamgraph import clock
from kamgraph.cli import cli


def cli_env(settings: Mapping[str, Any], **extra: str) -> dict[str, str]:
    """The environment that points `kamgraph` at the test's Neo4j."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KAMGRAPH_")}
    for key in ("HOME", "CACHE", "NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        if settings.get(key):
            env[f"KAMGRAPH_{key}"] = str(settings[key])
    env[clock.ENV_VAR] = clock.today().isoformat()  # the run's fixed day, never the calendar's
    env.update(extra)
    return env


@dataclass(frozen=True)
class Ran:
    """What a user sees of one command: its exit code, stdout and stderr."""

    returncode: int
    stdout: str
    stderr: str


def kamgraph(*args: str, env: Mapping[str, str], stdin: str | None = None) -> Ran:
    """Run `kamgraph ARGS...` in this process (click's CliRunner), in the environment `env`.

    The same command objects, options, exit codes and output as the installed command,
    without a Python start per call; kamgraph_process() runs the real executable.
    """
    unset: dict[str, str | None] = {k: None for k in os.environ if k.startswith("KAMGRAPH_")}
    result = CliRunner().invoke(
        cli, list(args), input=stdin, env={**unset, **env}, catch_exceptions=False
    )
    return Ran(result.exit_code, result.stdout, result.stderr)


def kamgraph_process(
    *args: str, env: Mapping[str, str], stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m kamgraph ARGS...` in a subprocess; never raises on a non-zero exit."""
    return subprocess.run(
        [sys.executable, "-m", "kamgraph", *args],
        env=dict(env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def graph_counts(graph: neo4j.Session) -> tuple[int, int]:
    """(nodes, relationships) in the database."""
    record = graph.run(
        "RETURN COUNT { MATCH (n) } AS nodes, COUNT { MATCH ()-[r]->() } AS rels"
    ).single()
    assert record is not None
    return int(record["nodes"]), int(record["rels"])
