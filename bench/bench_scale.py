"""Benchmark: the web app at national scale, as KAMs use it, each figure beside a baseline.

Usage:
  .venv/bin/python bench/bench_scale.py --people 100000 [--home DIR] [--seconds 120]
      [--users 20] [--out bench-scale.json]

1. A generated region of --people people (~10 ties each) in a local Neo4j: --home reuses
   one made by `bench/bench_generate.py --keep DIR` (started if need be); without it, one
   is generated into a throwaway home.
2. `kamgraph serve` (waitress, the production server, with its analysis worker) on a free
   loopback port.
3. One client, one request at a time: the first pages after the start and after edits,
   warm dossiers, search, tender, organization and team-coverage pages, beside a static
   file and a Bolt `RETURN 1` round trip.
4. Locust (headless, loopback, --seconds long): --users KAMs at once mixing dossier reads
   and edits, while the server's and the worker's memory is sampled.

Prints the table and writes every figure to --out (JSON). Nothing here is a test: the
targets are printed beside the figures, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from kamgraph import config, db, worker
from kamgraph.repository import users as users_repo
from kamgraph.seeding import generate
from kamgraph.services import accounts
from kamgraph.services import scope as scopes

KAM, LEAD = "kam0@northwind.example", "lead0@northwind.example"
PASSWORD = "bench horse battery staple"
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
FIELD = re.compile(r'<input id="f-[^"]+" name="([^"]+)" value="([^"]*)"')
BIN = Path(sys.executable).parent


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, round(share * len(ordered)) - 1)] if ordered else float("nan")


def summary(samples: list[float]) -> dict[str, float]:
    return {
        "n": len(samples),
        "p50": percentile(samples, 0.5),
        "p95": percentile(samples, 0.95),
        "max": max(samples, default=float("nan")),
    }


def rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return 0.0
    found = re.search(r"VmRSS:\s+(\d+)", status)
    return int(found.group(1)) / 1024 if found else 0.0


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


class Browser:
    """One signed-in user over HTTP, timing each request (client wall time, ms)."""

    def __init__(self, base: str, email: str) -> None:
        self.base = base
        self.http = requests.Session()
        token = TOKEN.search(self.http.get(f"{base}/login").text)
        assert token is not None
        answer = self.http.post(
            f"{base}/login",
            data={"email": email, "password": PASSWORD, "csrf_token": token.group(1)},
        )
        answer.raise_for_status()

    def get(self, path: str) -> float:
        started = time.perf_counter()
        answer = self.http.get(f"{self.base}{path}")
        elapsed = (time.perf_counter() - started) * 1000
        if answer.status_code != 200:
            raise RuntimeError(f"GET {path}: {answer.status_code}")
        return elapsed

    def edit(self, person: str) -> None:
        form = self.http.get(f"{self.base}/people/{person}/edit").text
        token, version = TOKEN.search(form), VERSION.search(form)
        assert token is not None
        assert version is not None
        data = dict(FIELD.findall(form))
        data.update(
            csrf_token=token.group(1),
            version=version.group(1),
            specialty=random.choice(("Cardiology", "Oncology", "Neurology")),
        )
        answer = self.http.post(
            f"{self.base}/people/{person}/edit", data=data, allow_redirects=False
        )
        if answer.status_code != 302:
            raise RuntimeError(f"edit {person}: {answer.status_code}")


def times(n: int, request: Callable[[], float]) -> list[float]:
    return [request() for _ in range(n)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--home", type=Path, help="a KAMGRAPH_HOME with the region already")
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--out", type=Path, default=Path("bench-scale.json"))
    args = parser.parse_args()

    home = args.home or Path(tempfile.mkdtemp(prefix="kamgraph-scale-"))
    settings = {
        **config.from_env(),
        "HOME": str(home),
        "NEO4J_PASSWORD": None,
        "NEO4J_URI": None,
        "ANALYSIS_SOCKET": None,
    }
    local = db.local_neo4j(settings)
    started_neo4j = local.pid() is None and local.start(port=0, heap="2g", pagecache_mb=2048)
    results: dict[str, Any] = {
        "people": args.people,
        "users": args.users,
        "seconds": args.seconds,
        "threads": args.threads,
    }
    server: subprocess.Popen[bytes] | None = None
    try:
        with db.connect(settings) as driver, driver.session(database="neo4j") as session:
            db.apply_schema(session)
            if args.home is None:
                print(f"generating {args.people:,} people ...", flush=True)
                generate.write_region(session, generate.Shape(people=args.people, seed=1))
            for email in (KAM, LEAD):
                accounts.set_password(session, email, PASSWORD)
            bolt = times(200, lambda: _timed(lambda: session.run("RETURN 1").consume()))
            # The KAM browses her own territory (services/scope.py): the others are 404s.
            mine = [f"gp{random.randrange(args.people)}" for _ in range(50_000)]
            user = users_repo.credentials(session, KAM)
            assert user is not None
            readable = scopes.readable(session, scopes.of(session, user.user), "person", mine)
        results["bolt_return_1"] = summary(bolt)
        people_ids = [i for i in mine if i in readable][:5000]
        ids_file = home / "bench-people.txt"
        ids_file.write_text("\n".join(people_ids))

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "KAMGRAPH_HOME": str(home)}
        env.pop("KAMGRAPH_ANALYSIS_SOCKET", None)
        started = time.perf_counter()
        server = subprocess.Popen(
            [str(BIN / "kamgraph"), "serve", "--port", str(port), "--threads", str(args.threads)],
            env=env,
        )
        _wait(lambda: _up(base), 60)
        results["server_up_seconds"] = time.perf_counter() - started
        kam = Browser(base, KAM)
        results["first_dossier_after_start_ms"] = kam.get(f"/people/{people_ids[0]}")
        results["first_tender_after_start_ms"] = kam.get("/tenders/gt0")
        client = worker.Client(worker.socket_path(settings), worker.auth_key(settings))
        _wait(lambda: _ready(client), 600)
        results["worker_ready_seconds"] = time.perf_counter() - started
        results["worker_status"] = client.ask("status")

        pick = iter(people_ids[1:])
        results["static"] = summary(times(200, lambda: kam.get("/static/app.css")))
        after_edit: dict[str, list[float]] = {"dossier": [], "tender": [], "organization": []}
        for _ in range(20):
            person = next(pick)
            kam.edit(person)
            after_edit["dossier"].append(kam.get(f"/people/{person}"))
            after_edit["tender"].append(kam.get(f"/tenders/gt{random.randrange(1000)}"))
            after_edit["organization"].append(
                kam.get(f"/orgs/g-h{random.randrange(max(3, args.people // 400))}")
            )
        results["after_edit"] = {k: summary(v) for k, v in after_edit.items()}
        results["dossier_warm"] = summary(times(200, lambda: kam.get(f"/people/{next(pick)}")))
        family = generate.FAMILY
        results["search"] = summary(
            times(100, lambda: kam.get(f"/search?q={random.choice(family)}"))
        )
        tenders = max(10, args.people // 100)
        results["tender"] = summary(
            times(100, lambda: kam.get(f"/tenders/gt{random.randrange(tenders)}"))
        )
        hospitals = max(3, args.people // 400)
        results["organization"] = summary(
            times(100, lambda: kam.get(f"/orgs/g-h{random.randrange(hospitals)}"))
        )
        lead = Browser(base, LEAD)
        results["team_coverage"] = summary(times(50, lambda: lead.get("/team/coverage")))

        results["concurrent"] = _locust(base, ids_file, args, server.pid)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=60)
        if started_neo4j:
            local.stop()
        if args.home is None:
            shutil.rmtree(home, ignore_errors=True)
    args.out.write_text(json.dumps(results, indent=2, default=str))
    _print(results)


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def _wait(done: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit("gave up waiting")
        time.sleep(0.2)


def _up(base: str) -> bool:
    try:
        return requests.get(f"{base}/health", timeout=2).status_code == 200
    except requests.ConnectionError:
        return False


def _ready(client: worker.Client) -> bool:
    try:
        return bool(client.ask("status")["ready"])
    except worker.Unanswered:
        return False


def _locust(base: str, ids_file: Path, args: argparse.Namespace, server_pid: int) -> dict[str, Any]:
    """--users KAMs at once for --seconds; the server's and worker's peak memory."""
    prefix = ids_file.parent / "locust"
    env = {
        **os.environ,
        "KAMGRAPH_BENCH_PEOPLE": str(ids_file),
        "KAMGRAPH_BENCH_EMAIL": KAM,
        "KAMGRAPH_BENCH_PASSWORD": PASSWORD,
    }
    peaks = {"server_mb": 0.0, "worker_mb": 0.0}
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.5):
            peaks["server_mb"] = max(peaks["server_mb"], rss_mb(server_pid))
            for child in children(server_pid):
                peaks["worker_mb"] = max(peaks["worker_mb"], rss_mb(child))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(Path(__file__).with_name("locustfile.py")),
            "--headless",
            "-u",
            str(args.users),
            "-r",
            str(args.users),
            "--run-time",
            f"{args.seconds}s",
            "--host",
            base,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        env=env,
        check=False,
        timeout=args.seconds + 120,
    )
    stop.set()
    sampler.join()
    rows: dict[str, Any] = {}
    lines = Path(f"{prefix}_stats.csv").read_text().splitlines()
    header = lines[0].split(",")
    for line in lines[1:]:
        cells = dict(zip(header, line.split(","), strict=False))
        rows[cells["Name"].strip('"')] = {
            "n": int(cells["Request Count"]),
            "failures": int(cells["Failure Count"]),
            "p50": float(cells["50%"]),
            "p95": float(cells["95%"]),
            "max": float(cells["100%"]),
        }
    return {"by_request": rows, **peaks}


def _print(r: dict[str, Any]) -> None:
    c = r["concurrent"]["by_request"]
    dossier = c.get("dossier", {})
    static = f"static p95 {r['static']['p95']:.1f} ms"
    bolt = f"RETURN 1 p95 {r['bolt_return_1']['p95']:.1f} ms"
    edit = r["after_edit"]
    rows = [
        (
            "first dossier after start (worker still building)",
            f"{r['first_dossier_after_start_ms']:.0f} ms",
            "p95 <= 150 ms",
            static,
        ),
        (
            "first dossier after an edit (20 edits)",
            f"p95 {edit['dossier']['p95']:.0f} ms",
            "p95 <= 150 ms",
            static,
        ),
        (
            "first tender page after an edit",
            f"p95 {edit['tender']['p95']:.0f} ms",
            "p95 <= 150 ms",
            static,
        ),
        (
            "first organization page after an edit",
            f"p95 {edit['organization']['p95']:.0f} ms",
            "p95 <= 150 ms",
            static,
        ),
        (
            f"dossier, {r['users']} users reading and editing for {r['seconds']} s",
            f"p95 {dossier.get('p95', float('nan')):.0f} ms, {dossier.get('failures', '?')} errors"
            f" of {dossier.get('n', '?')}",
            "p95 <= 100 ms, 0 errors",
            bolt,
        ),
        (
            "all requests under that load: errors",
            f"{sum(v['failures'] for k, v in c.items() if k != 'Aggregated')}",
            "0",
            "",
        ),
        (
            "dossier, warm, one client",
            f"p50 {r['dossier_warm']['p50']:.0f} / p95 {r['dossier_warm']['p95']:.0f} ms",
            "p95 <= 50 ms",
            bolt,
        ),
        (
            "search / tender / organization",
            f"p95 {r['search']['p95']:.0f} / "
            f"{r['tender']['p95']:.0f} / {r['organization']['p95']:.0f} ms",
            "p95 <= 100 / 150 / 150 ms",
            "",
        ),
        ("team coverage (lead)", f"p95 {r['team_coverage']['p95']:.0f} ms", "p95 <= 300 ms", ""),
        (
            "web server / worker memory under load",
            f"{r['concurrent']['server_mb']:.0f} / {r['concurrent']['worker_mb']:.0f} MB RSS",
            "<= 1.5 GB",
            "",
        ),
        ("worker's first analysis graph after start", f"{r['worker_ready_seconds']:.1f} s", "", ""),
    ]
    print(f"\n{r['people']:,} people, {r['threads']} server threads")
    print("| figure | measured | target | baseline, same run |")
    print("| --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
