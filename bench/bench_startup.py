"""Benchmark how fast kamgraph starts: `kamgraph --help`, and importing an analytics module.

Usage:
  .venv/bin/python bench/bench_startup.py [--runs 15] [--baseline-python OTHER/.venv/bin/python]

Each figure is the median (and max) wall time of whole processes, run in turn with its
baseline so that both see the same machine:
- `python -c pass`: the interpreter's own start, the floor no command can go below;
- with --baseline-python, the same commands in another checkout's venv (for example the
  commit before a change, installed with scripts/venv.sh in a git worktree).
Also prints which heavy libraries each command loads (from `python -X importtime`).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HEAVY = ("flask", "waitress", "neo4j", "networkx", "rich", "igraph", "scipy")


def commands(python: str) -> dict[str, list[str]]:
    """The commands to time, run by `python` (a venv's interpreter)."""
    # -P: never import from the current directory, so each venv runs its own install.
    return {
        "python -c pass": [python, "-P", "-c", "pass"],
        "kamgraph --help": [python, "-P", "-m", "kamgraph", "--help"],
        "import kamgraph.analytics.influence": [
            python,
            "-P",
            "-c",
            "import kamgraph.analytics.influence",
        ],
    }


def wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def loaded(command: list[str]) -> list[str]:
    """The heavy top-level packages a command imports."""
    traced = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]], check=True, capture_output=True, text=True
    )
    names = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in traced.stderr.splitlines()}
    return [name for name in HEAVY if name in names]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--baseline-python", help="another venv's python, timed alongside")
    args = parser.parse_args()
    pythons = {"this checkout": str(Path(sys.executable))}
    if args.baseline_python:
        pythons["baseline"] = args.baseline_python
    samples: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.runs):  # interleaved, so drift hits every command alike
        for who, python in pythons.items():
            for name, command in commands(python).items():
                samples.setdefault((who, name), []).append(wall(command))
    print(f"{'checkout':<14} {'command':<38} {'median':>8} {'max':>8}  loads")
    for (who, name), times in samples.items():
        heavy = ", ".join(loaded(commands(pythons[who])[name])) or "-"
        print(
            f"{who:<14} {name:<38} {statistics.median(times) * 1000:>6.0f} ms "
            f"{max(times) * 1000:>5.0f} ms  {heavy}"
        )


if __name__ == "__main__":
    main()
