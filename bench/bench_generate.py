"""Benchmark: generate a region of N people into a fresh local Neo4j; report rows/s and memory.

Usage: .venv/bin/python bench/bench_generate.py --people 100000 [--seed 1] [--keep DIR]

Starts a throwaway Neo4j in its own KAMGRAPH_HOME on a free port (or keeps it in DIR),
applies the schema, runs the generator, and prints wall time, rows per second, and the
peak resident memory of the Neo4j process (VmHWM) and of this process.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from kamgraph import config, db
from kamgraph.seeding import generate


def peak_rss_mb(pid: int) -> float:
    """The peak resident set size of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache-mb", type=int, default=2048)
    parser.add_argument("--keep", type=Path, help="keep the database in this KAMGRAPH_HOME")
    args = parser.parse_args()

    home = args.keep or Path(tempfile.mkdtemp(prefix="kamgraph-bench-"))
    settings = {**config.from_env(), "HOME": str(home), "NEO4J_PASSWORD": None, "NEO4J_URI": None}
    local = db.local_neo4j(settings)
    local.start(port=0, heap=args.heap, pagecache_mb=args.pagecache_mb)
    try:
        with db.connect(settings) as driver, driver.session(database="neo4j") as session:
            db.apply_schema(session)
            shape = generate.Shape(people=args.people, seed=args.seed)
            started = time.perf_counter()
            counts = generate.write_region(session, shape)
            elapsed = time.perf_counter() - started
        pid = local.pid()
        neo4j_peak = peak_rss_mb(pid) if pid else float("nan")
        rows = sum(counts.created.values())
        relationships = counts.created.get("relationships", 0)
        own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"people={args.people} seed={args.seed} heap={args.heap} "
            f"pagecache={args.pagecache_mb}MB"
        )
        print(
            f"rows written: {rows:,} ({relationships:,} relationships from relationships "
            f"rows, plus nodes and links)"
        )
        print(f"wall time: {elapsed:.1f} s   throughput: {rows / elapsed:,.0f} rows/s")
        print(f"peak RSS: neo4j {neo4j_peak:,.0f} MB, generator {own_peak:,.0f} MB")
    finally:
        if args.keep is None:
            local.stop()
            shutil.rmtree(home, ignore_errors=True)
        else:
            print(f"kept: KAMGRAPH_HOME={home} (stop with kamgraph db stop)")


if __name__ == "__main__":
    main()
