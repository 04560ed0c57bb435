"""The hash-chained audit trail beside a plain append, on a throwaway Neo4j.

Usage:
  .venv/bin/python bench/bench_audit.py [--entries 2000] [--threads 1 8]

Every page view writes one audit entry. Chained appends take a lock on the chain's head,
so they happen one at a time; this measures what that costs. For each thread count it
times `entries` appends through kamgraph.repository.audit.record (the chain) and the same
number of plain CREATEs of the same entry (the trail before the chain: the baseline), in
the same database, alternating, and prints entries per second for both.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import neo4j
from throwaway import neo4j_home  # bench/throwaway.py, beside this script

from kamgraph import clock, db
from kamgraph.repository import audit

PLAIN = """CREATE (:AuditEntry {at: $at, user_id: $user_id, action: $action,
                          target_id: $target_id, path: $path})"""


def _chained(driver: neo4j.Driver, n: int) -> None:
    with driver.session(database="neo4j") as session:
        audit.record(
            session, user_id="u-bench", action="view", target_id=f"p-{n}", path=f"/people/p-{n}"
        )


def _plain(driver: neo4j.Driver, n: int) -> None:
    driver.execute_query(
        PLAIN,
        at=clock.now(),
        user_id="u-bench",
        action="view",
        target_id=f"p-{n}",
        path=f"/people/p-{n}",
        database_="neo4j",
    )


def _rate(
    work: Callable[[neo4j.Driver, int], None], driver: neo4j.Driver, entries: int, threads: int
) -> float:
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(work, [driver] * entries, range(entries)))
    return entries / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 8])
    args = parser.parse_args()
    home = neo4j_home("kamgraph-bench-audit-", heap="1g", pagecache_mb=512)
    with home as (_, settings), db.connect(settings) as driver:
        with driver.session(database="neo4j") as session:
            db.apply_schema(session)
        print(f"{'threads':>7}  {'chained /s':>11}  {'plain /s':>9}  ratio")
        for threads in args.threads:
            rates: list[tuple[float, float]] = []
            for _ in range(2):  # alternate, so neither gets the warmer database
                plain = _rate(_plain, driver, args.entries, threads)
                rates.append((_rate(_chained, driver, args.entries, threads), plain))
            chained, plain = max(r[0] for r in rates), max(r[1] for r in rates)
            print(f"{threads:>7}  {chained:>11,.0f}  {plain:>9,.0f}  {chained / plain:.2f}")


if __name__ == "__main__":
    main()
