"""Benchmark: the network's memory pages (events, duplicates, handover, the JSON API) at
national scale, each figure beside a baseline measured in the same run.

Usage:
  .venv/bin/python bench/bench_generate.py --people 100000 --seed 1 --keep /tmp/bench100k
  .venv/bin/python bench/bench_memory.py --home /tmp/bench100k [--samples 60]
      [--out bench-memory.json]

1. The region in --home (started if need be) gets events through the import
   (`services.data.import_path`, what `kamgraph import` runs): a national congress attended by
   --congress people, and 59 smaller events of 20 to 400 people, ten speakers each. A
   second run finds them and adds nothing.
2. `kamgraph serve` (waitress, with its analysis worker) on a free loopback port, timed
   once the worker's graph is built; a KAM and a lead sign in, the KAM makes a read API
   token.
3. One client, one request at a time: the events list, the congress's page, a small
   event's page, the lead's duplicates page and handover preview (typed names), the API's
   people list (first and later pages, and a name search), beside a static file, a Bolt
   `RETURN 1` and the dossier page.

Prints a table and writes every figure to --out (JSON). Nothing here is a test: no
figure is asserted.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

import neo4j
import requests
from bench_scale import BIN, KAM, LEAD, PASSWORD, Browser, free_port, summary, times
from bench_scale import _ready as ready  # pyright: ignore[reportPrivateUsage]
from bench_scale import _timed as timed  # pyright: ignore[reportPrivateUsage]
from bench_scale import _up as up  # pyright: ignore[reportPrivateUsage]
from bench_scale import _wait as wait  # pyright: ignore[reportPrivateUsage]

from kamgraph import config, db, worker
from kamgraph.services import accounts, api_tokens, data

EVENTS = 60


def _write_events(folder: Path, people: int, congress: int, rng: random.Random) -> None:
    """events.csv and relationships.csv: the congress (ge0) and the smaller events, with
    who attended and who spoke."""
    kinds = ("round_table", "exhibition", "corporate", "informal", "congress")
    with (
        (folder / "events.csv").open("w", newline="") as events_file,
        (folder / "relationships.csv").open("w", newline="") as ties_file,
    ):
        events = csv.writer(events_file)
        ties = csv.writer(ties_file)
        events.writerow(("id", "name", "kind", "starts_on", "city"))
        ties.writerow(("type", "from_id", "to_id"))
        for e in range(EVENTS):
            size = congress if e == 0 else rng.randint(20, 400)
            name = "National Congress of Hospital Pharmacy" if e == 0 else f"Meeting {e}"
            kind = "congress" if e == 0 else kinds[e % len(kinds)]
            events.writerow(
                (f"ge{e}", name, kind, f"2026-{e % 11 + 1:02d}-{e % 27 + 1:02d}", "Tirana")
            )
            there = rng.sample(range(people), size)
            ties.writerows(("SPOKE_AT", f"gp{i}", f"ge{e}") for i in there[:10])
            ties.writerows(("ATTENDED", f"gp{i}", f"ge{e}") for i in there[10:])


def _add_events(session: neo4j.Session, people: int, congress: int) -> int:
    """Import the events as `kamgraph import` does, unless an earlier run did; how many
    attendance ties there are."""
    if not session.run("MATCH (e:Event {id: 'ge0'}) RETURN count(e) AS n").single(strict=True)["n"]:
        with tempfile.TemporaryDirectory(prefix="kamgraph-events-") as folder:
            _write_events(Path(folder), people, congress, random.Random(17))
            data.import_path(session, Path(folder))
    found = session.run("MATCH (:Person)-[r:ATTENDED|SPOKE_AT]->(:Event) RETURN count(r) AS n")
    return int(found.single(strict=True)["n"])


def _user_name(session: neo4j.Session, email: str) -> str:
    found = session.run("MATCH (u:User {email: $email}) RETURN u.name AS name", email=email)
    return str(found.single(strict=True)["name"])


class Token:
    """The API with a personal token, timing each request (client wall time, ms)."""

    def __init__(self, base: str, token: str) -> None:
        self.base = base
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"Bearer {token}"
        self.next_cursor: str | None = None

    def get(self, path: str) -> float:
        started = time.perf_counter()
        answer = self.http.get(f"{self.base}{path}")
        elapsed = (time.perf_counter() - started) * 1000
        if answer.status_code != 200:
            raise RuntimeError(f"GET {path}: {answer.status_code}")
        self.next_cursor = answer.json().get("next_cursor")
        return elapsed

    def walk(self, path: str) -> float:
        """The next page of a list (the first again after the last)."""
        cursor = f"&cursor={urllib.parse.quote(self.next_cursor)}" if self.next_cursor else ""
        return self.get(f"{path}{cursor}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--home", type=Path, required=True, help="a KAMGRAPH_HOME with a region")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--congress", type=int, default=3_000)
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--out", type=Path, default=Path("bench-memory.json"))
    args = parser.parse_args()
    settings = {
        **config.from_env(),
        "HOME": str(args.home),
        "NEO4J_PASSWORD": None,
        "NEO4J_URI": None,
        "ANALYSIS_SOCKET": None,
    }
    local = db.local_neo4j(settings)
    started_neo4j = local.pid() is None and local.start(port=0, heap="2g", pagecache_mb=2048)
    results: dict[str, Any] = {"people": args.people, "samples": args.samples}
    server: subprocess.Popen[bytes] | None = None
    n = args.samples
    try:
        with db.connect(settings) as driver, driver.session(database="neo4j") as session:
            db.apply_schema(session)
            results["attendance_ties"] = _add_events(session, args.people, args.congress)
            for email in (KAM, LEAD):
                accounts.set_password(session, email, PASSWORD)
            kam_id = session.run("MATCH (u:User {email: $e}) RETURN u.id AS id", e=KAM)
            token = api_tokens.issue(
                session, kam_id.single(strict=True)["id"], name="bench", scope="read"
            )
            leaving = _user_name(session, KAM)
            taking = str(  # a colleague on the same team: a KAM of the same region
                session.run(
                    "MATCH (k:User {email: $e}), (u:User {role: 'kam', region: k.region}) "
                    "WHERE u <> k RETURN u.name AS name ORDER BY u.id LIMIT 1",
                    e=KAM,
                ).single(strict=True)["name"]
            )
            results["bolt_return_1"] = summary(
                times(200, lambda: timed(lambda: session.run("RETURN 1").consume()))
            )
            people = session.run(
                "MATCH (u:User {email: $e})-[:COVERS]->(p:Person) RETURN p.id AS id LIMIT 500",
                e=KAM,
            ).value()

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "KAMGRAPH_HOME": str(args.home)}
        env.pop("KAMGRAPH_ANALYSIS_SOCKET", None)
        server = subprocess.Popen(
            [str(BIN / "kamgraph"), "serve", "--port", str(port), "--threads", "4"], env=env
        )
        wait(lambda: up(base), 120)
        client = worker.Client(worker.socket_path(settings), worker.auth_key(settings))
        wait(lambda: ready(client), 600)  # the pages are timed with the analysis ready
        kam, lead, api = Browser(base, KAM), Browser(base, LEAD), Token(base, token)
        rng = random.Random(3)
        small = [f"ge{e}" for e in range(1, EVENTS)]
        handover = "/team/handover?" + urllib.parse.urlencode({"from": leaving, "to": taking})
        for warm in ("/static/app.css", "/events/", "/events/ge0", "/people/duplicates"):
            (lead if "duplicates" in warm else kam).get(warm)
        lead.get(handover)
        measured = {
            "static file (baseline)": lambda: kam.get("/static/app.css"),
            "dossier (reference)": lambda: kam.get(f"/people/{rng.choice(people)}"),
            "events list": lambda: kam.get("/events/"),
            f"the congress ({args.congress:,} people)": lambda: kam.get("/events/ge0"),
            "a smaller event (20-400 people)": lambda: kam.get(f"/events/{rng.choice(small)}"),
            "duplicates, first page (lead)": lambda: lead.get("/people/duplicates"),
            "handover preview (lead)": lambda: lead.get(handover),
            "API people, next page of 50": lambda: api.walk("/api/v1/people?limit=50"),
            "API people, ?q= a family name": lambda: api.get(
                f"/api/v1/people?q={rng.choice(('Hoxha', 'Virtanen', 'Rossi', 'Ivanova'))}"
            ),
        }
        for name, request in measured.items():
            results[name] = summary(times(n, request))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=60)
        if started_neo4j:
            local.stop()
    args.out.write_text(json.dumps(results, indent=2, default=str))
    _print(results)


def _print(results: dict[str, Any]) -> None:
    print(f"{results['people']:,} people, {results['attendance_ties']:,} attendance ties")
    print(f"{'page':<42} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, value in results.items():
        if isinstance(value, dict) and "p50" in value:
            print(f"{name:<42} {value['p50']:>8.1f} {value['p95']:>8.1f} {value['max']:>8.1f}")


if __name__ == "__main__":
    main()
