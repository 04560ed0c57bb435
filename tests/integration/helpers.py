"""Helpers for integration tests: run the real `kamgraph` command as a user would."""

import os
import subprocess
import sys
from collections.abc import Mapping
from typing import Any

import neo4j

from kamgraph import clock


def cli_env(settings: Mapping[str, Any], **extra: str) -> dict[str, str]:
    """The environment that points `kamgraph` at the test's Neo4j."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KAMGRAPH_")}
    for key in ("HOME", "CACHE", "NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        if settings.get(key):
            env[f"KAMGRAPH_{key}"] = str(settings[key])
    env[clock.ENV_VAR] = clock.today().isoformat()  # the run's fixed day, never the calendar's
    env.update(extra)
    return env


def kamgraph(
    *args: str, env: Mapping[str, str], stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `kamgraph ARGS...` in a subprocess; never raises on a non-zero exit."""
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
