"""Benchmark: bulk writes at the speed Neo4j allows, beside a bare UNWIND of the same rows.

Usage: .venv/bin/python bench/bench_import.py --people 100000 [--seed 1] [--out FILE]

In one throwaway Neo4j (heap 2g, page cache 2 GB), one run:
1. `seed generate`: the generator writes the region into the empty database;
2. the region is exported to a CSV folder, the database emptied, and `kamgraph import`
   (the check, then the writes) reads the folder back in;
3. the relationships are deleted and written again by a bare ``UNWIND ... MATCH ...
   CREATE`` of the same rows through the driver, 5,000 a transaction: the baseline.

Prints relationships per second for each, and the import's relationship phase against the
baseline as a ratio; writes the figures to --out (JSON).
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, LiteralString, cast

import neo4j
import throwaway  # bench/throwaway.py, beside this script

from kamgraph import db
from kamgraph.schema import RELATIONSHIP_RULES
from kamgraph.seeding import generate
from kamgraph.services import data as bundle_service

BATCH = 5_000
BARE: LiteralString = (
    "UNWIND $rows AS row MATCH (a:__FROM__ {id: row.from}) MATCH (b:__TO__ {id: row.to}) "
    "CREATE (a)-[r:__TYPE__]->(b) SET r += row.props"
)


def relationships(session: neo4j.Session) -> int:
    return int(session.run("MATCH ()-[r]->() RETURN count(r) AS n").single(strict=True)["n"])


def empty(session: neo4j.Session, what: LiteralString) -> None:
    session.run(what).consume()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("bench-import.json"))
    args = parser.parse_args()
    results: dict[str, Any] = {"people": args.people}
    with throwaway.neo4j_home("kamgraph-import-") as (work, settings):
        folder = work / "region"
        with db.connect(settings) as driver, driver.session(database="neo4j") as session:
            db.apply_schema(session)
            started = time.perf_counter()
            generate.write_region(session, generate.Shape(people=args.people, seed=args.seed))
            took = time.perf_counter() - started
            count = relationships(session)
            results["generate"] = {"seconds": took, "relationships": count, "per_s": count / took}
            print(f"seed generate: {count:,} relationships in {took:.1f} s", flush=True)

            bundle_service.export_path(session, folder, "csv")
            rows = _relationship_rows(folder / "relationships.csv")
            ties = sum(len(batch) for _, batch in rows)  # relationships.csv's rows
            empty(session, "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS")
            marks: dict[str, float] = {}

            def progress(table: str, _done: int) -> None:
                marks.setdefault(table, time.perf_counter())
                marks["last"] = time.perf_counter()
                if table != "relationships":
                    marks["nodes_done"] = time.perf_counter()

            started = time.perf_counter()
            bundle_service.import_path(session, folder, progress=progress)
            took = time.perf_counter() - started
            count = relationships(session)
            phase = marks["last"] - marks["nodes_done"]
            results["import"] = {
                "seconds": took,
                "relationships": count,
                "per_s": count / took,
                "relationship_phase_seconds": phase,
                "relationship_phase_per_s": ties / phase,
            }
            print(
                f"kamgraph import: {count:,} relationships in {took:.1f} s "
                f"(relationship phase {phase:.1f} s)",
                flush=True,
            )

            empty(session, "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS")
            started = time.perf_counter()
            for rel_type, batch in rows:
                rule = RELATIONSHIP_RULES[rel_type]
                named = BARE.replace("__FROM__", rule.from_label).replace("__TO__", rule.to_label)
                query = cast(LiteralString, named.replace("__TYPE__", rel_type))
                session.execute_write(lambda tx, q=query, b=batch: tx.run(q, rows=b).consume())
            took = time.perf_counter() - started
            count = relationships(session)
            results["bare_unwind"] = {
                "seconds": took,
                "relationships": count,
                "per_s": count / took,
            }
            print(f"bare UNWIND: {count:,} relationships in {took:.1f} s", flush=True)
    bare = results["bare_unwind"]["per_s"]
    results["import_phase_vs_bare"] = results["import"]["relationship_phase_per_s"] / bare
    results["generate_vs_bare"] = results["generate"]["per_s"] / bare
    args.out.write_text(json.dumps(results, indent=2))
    print("\n| writer | relationships/s | vs bare UNWIND, same run |")
    print("| --- | --- | --- |")
    print(f"| bare UNWIND … CREATE, 5,000 a transaction | {bare:,.0f} | 1.00 |")
    print(
        f"| `seed generate` (whole run: nodes, ties, provenance) | "
        f"{results['generate']['per_s']:,.0f} | {results['generate_vs_bare']:.2f} |"
    )
    print(
        f"| `kamgraph import`, relationship phase | "
        f"{results['import']['relationship_phase_per_s']:,.0f} | "
        f"{results['import_phase_vs_bare']:.2f} |"
    )
    print(
        f"| `kamgraph import`, whole (check, nodes, ties) | {results['import']['per_s']:,.0f} | - |"
    )


def _relationship_rows(path: Path) -> list[tuple[str, list[dict[str, Any]]]]:
    """The CSV's ties as bare rows {from, to, props}, in batches per type."""
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            props = {
                k: v
                for k, v in row.items()
                if k not in ("type", "from_id", "to_id") and v not in ("", None)
            }
            by_type[row["type"]].append(
                {"from": row["from_id"], "to": row["to_id"], "props": props}
            )
    return [
        (t, rows[i : i + BATCH]) for t, rows in by_type.items() for i in range(0, len(rows), BATCH)
    ]


if __name__ == "__main__":
    main()
