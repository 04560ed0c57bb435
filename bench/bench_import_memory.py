"""Benchmark the importer's peak memory on large files, beside a baseline checkout.

Usage:
  .venv/bin/python bench/bench_import_memory.py [--people 1000000] [--sheet-rows 100000]
      [--baseline-python OTHER/.venv/bin/python]

Starts a throwaway Neo4j, writes a CSV folder (people with long notes, and KNOWS ties) and
an .xlsx workbook of people, then runs `kamgraph import` on them as separate processes and
reads each one's peak resident memory (`/usr/bin/time -f %M`): a dry run (the check) on
each file, and one real import of the CSV folder. With --baseline-python the same dry runs
run in another checkout's venv, in the same session, on the same files.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import throwaway  # bench/throwaway.py, beside this script
from openpyxl import Workbook

from kamgraph import db

NOTES = "Met at the regional congress; prefers short evidence summaries and local data. " * 3


def write_csv_folder(folder: Path, people: int, seed: int) -> int:
    """people.csv and relationships.csv (three KNOWS ties a person); returns bytes written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    with (folder / "people.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "given_name", "family_name", "specialty", "notes"])
        for n in range(people):
            writer.writerow([f"p-{n}", "Anna", f"Berg {n}", "Cardiology", NOTES])
    with (folder / "relationships.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["type", "from_id", "to_id", "kind", "strength"])
        seen: set[tuple[int, int]] = set()
        for n in range(people):
            for _ in range(3):
                other = rng.randrange(people)
                if other != n and (n, other) not in seen:
                    seen.add((n, other))
                    writer.writerow(["KNOWS", f"p-{n}", f"p-{other}", "colleague", "0.5"])
    return sum(p.stat().st_size for p in folder.iterdir())


def write_workbook(path: Path, rows: int) -> int:
    """A workbook with a people sheet of `rows` rows; returns its size."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("people")
    sheet.append(["id", "given_name", "family_name", "specialty", "notes"])
    for n in range(rows):
        sheet.append([f"x-{n}", "Anna", f"Berg {n}", "Cardiology", f"{NOTES} {n}"])
    book.save(path)
    return path.stat().st_size


def peak_mb(python: str, args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(peak RSS in MB, wall seconds, last output line) of `python -m kamgraph ARGS`."""
    started = time.perf_counter()
    ran = subprocess.run(
        ["/usr/bin/time", "-f", "PEAK %M", python, "-P", "-m", "kamgraph", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    peak = next(line for line in ran.stderr.splitlines() if line.startswith("PEAK "))
    said = (ran.stdout.strip() or ran.stderr.strip()).splitlines()
    return int(peak.split()[1]) / 1024, wall, said[0] if said else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--sheet-rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--baseline-python", help="another venv's python, for the dry runs")
    parser.add_argument("--no-import", action="store_true", help="dry runs only")
    args = parser.parse_args()

    with throwaway.neo4j_home("kamgraph-import-bench-", pagecache_mb=1024) as (work, settings):
        with db.connect(settings) as driver, driver.session(database="neo4j") as session:
            db.apply_schema(session)
        csv_bytes = write_csv_folder(work / "csv", args.people, args.seed)
        xlsx_bytes = write_workbook(work / "people.xlsx", args.sheet_rows)
        env = {k: v for k, v in os.environ.items() if not k.startswith("KAMGRAPH_")}
        env["KAMGRAPH_HOME"] = str(settings["HOME"])
        pythons = {"this checkout": sys.executable}
        if args.baseline_python:
            pythons["baseline"] = args.baseline_python
        print(
            f"CSV folder: {csv_bytes / 1e6:,.0f} MB ({args.people:,} people, ~3 ties each); "
            f"workbook: {xlsx_bytes / 1e6:,.1f} MB ({args.sheet_rows:,} rows)"
        )
        print(f"{'checkout':<14} {'run':<34} {'peak RSS':>10} {'wall':>8}  said")
        for who, python in pythons.items():
            for label, path in (
                ("dry run, CSV folder", work / "csv"),
                ("dry run, workbook", work / "people.xlsx"),
            ):
                peak, wall, said = peak_mb(python, ["import", str(path), "--dry-run"], env)
                print(f"{who:<14} {label:<34} {peak:>7,.0f} MB {wall:>6.1f} s  {said[:60]}")
        if args.no_import:
            return
        peak, wall, said = peak_mb(pythons["this checkout"], ["import", str(work / "csv")], env)
        print(
            f"{'this checkout':<14} {'import, CSV folder':<34} {peak:>7,.0f} MB {wall:>6.1f} s"
            f"  {said[:60]}"
        )


if __name__ == "__main__":
    main()
