"""Resilience checks: Neo4j killed (-9) during writes through the app, then stopped and back.

Usage: .venv/bin/python bench/resilience.py [--writers 4] [--seconds 4]

Loopback only, bounded in time, against a throwaway Neo4j and `kamgraph serve`:

1. Writers sign in as a demo KAM and create people through the web form, each write a
   transaction with its audit entry; the ids the app acknowledged (302) are kept.
2. Neo4j is killed with SIGKILL in the middle of that. While it is down: a signed-in page
   must answer 503 with the friendly page within 2 s; the sign-in page and a static file
   must answer at once.
3. Neo4j is started again; the app, never restarted, must answer pages by itself.
4. After the restart, every acknowledged person is present, and no partial transaction is
   visible: every created person has its audit entry and every audit entry its person.

Prints each check with its figure and exits 1 if any fails.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

from kamgraph import config, db
from kamgraph.seeding import demo
from kamgraph.services import accounts

KAM = "kira.lund@northwind-medica.example"
PASSWORD = "resilience horse battery"
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
BIN = Path(sys.executable).parent


def sign_in(base: str) -> requests.Session:
    http = requests.Session()
    token = TOKEN.search(http.get(f"{base}/login", timeout=10).text)
    assert token is not None
    http.post(
        f"{base}/login",
        timeout=10,
        data={"email": KAM, "password": PASSWORD, "csrf_token": token.group(1)},
    )
    return http


def timed_get(http: requests.Session, url: str) -> tuple[int, float, str]:
    started = time.perf_counter()
    answer = http.get(url, timeout=30)
    return answer.status_code, time.perf_counter() - started, answer.text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=4.0)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="kamgraph-resilience-"))
    settings = {**config.from_env(), "HOME": str(home), "NEO4J_PASSWORD": None, "NEO4J_URI": None}
    local = db.local_neo4j(settings)
    local.start(port=0)
    server: subprocess.Popen[bytes] | None = None
    checks: list[tuple[str, bool, str]] = []
    try:
        with db.connect(settings) as driver, driver.session(database="neo4j") as session:
            db.apply_schema(session)
            demo.load_demo(session)
            accounts.set_password(session, KAM, PASSWORD)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "KAMGRAPH_HOME": str(home)}
        server = subprocess.Popen(
            [str(BIN / "kamgraph"), "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("the server did not start")
            time.sleep(0.2)

        acknowledged: list[str] = []
        refused: dict[int, int] = {}
        stop = threading.Event()
        lock = threading.Lock()

        def write(n: int) -> None:
            http = sign_in(base)
            i = 0
            while not stop.is_set():
                i += 1
                record = f"p-res-{n}-{i}"
                try:
                    form = http.get(f"{base}/new/people", timeout=30).text
                    token = TOKEN.search(form)
                    if token is None:
                        time.sleep(0.05)
                        continue
                    data = {
                        "csrf_token": token.group(1),
                        "id": record,
                        "given_name": "Res",
                        "family_name": f"Writer {n}",
                    }
                    answer = http.post(
                        f"{base}/new/people", data=data, allow_redirects=False, timeout=30
                    )
                except requests.RequestException:
                    continue
                with lock:
                    if answer.status_code == 302:
                        acknowledged.append(record)
                    else:
                        refused[answer.status_code] = refused.get(answer.status_code, 0) + 1

        reader = sign_in(base)  # signed in while Neo4j is up, to read while it is down
        writers = [threading.Thread(target=write, args=(n,)) for n in range(args.writers)]
        for thread in writers:
            thread.start()
        time.sleep(args.seconds)
        pid = local.pid()
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        killed_at = time.monotonic()
        time.sleep(1.0)
        status, seconds, text = timed_get(reader, f"{base}/people/p-ada-rowan")
        checks.append(
            (
                "signed-in page while Neo4j is down: 503 within 2 s",
                status == 503 and seconds <= 2.0 and "Traceback" not in text,
                f"{status} in {seconds:.2f} s",
            )
        )
        status, seconds, _ = timed_get(requests.Session(), f"{base}/static/app.css")
        checks.append(
            (
                "static file while Neo4j is down",
                status == 200 and seconds < 0.5,
                f"{status} in {seconds * 1000:.0f} ms",
            )
        )
        status, seconds, _ = timed_get(requests.Session(), f"{base}/login")
        checks.append(
            (
                "sign-in page while Neo4j is down",
                status == 200 and seconds < 0.5,
                f"{status} in {seconds * 1000:.0f} ms",
            )
        )
        # Ten signed-in page views at once must not stall the server for everyone else.
        crowd = [
            threading.Thread(target=timed_get, args=(reader, f"{base}/people/p-ada-rowan"))
            for _ in range(10)
        ]
        for thread in crowd:
            thread.start()
        time.sleep(0.2)
        status, seconds, _ = timed_get(requests.Session(), f"{base}/static/app.css")
        for thread in crowd:
            thread.join(60)
        checks.append(
            (
                "static file during ten page views that wait for Neo4j",
                status == 200 and seconds < 2.0,
                f"{status} in {seconds:.2f} s",
            )
        )
        time.sleep(max(0.0, args.seconds - (time.monotonic() - killed_at)))
        stop.set()
        for thread in writers:
            thread.join(60)

        local.pid_file.unlink(missing_ok=True)
        local.start(port=None)
        restarted_at = time.monotonic()
        while True:
            status, _, _ = timed_get(reader, f"{base}/people/p-ada-rowan")
            if status == 200:
                break
            if time.monotonic() - restarted_at > 120:
                break
            time.sleep(0.5)
        recovery = time.monotonic() - restarted_at
        checks.append(
            (
                "the app recovers by itself once Neo4j is back",
                status == 200,
                f"{recovery:.1f} s after Neo4j answered",
            )
        )

        with db.connect(settings) as driver:
            people, _, _ = driver.execute_query(
                "MATCH (p:Person) WHERE p.id STARTS WITH 'p-res-' RETURN p.id AS id",
                database_="neo4j",
            )
            audited, _, _ = driver.execute_query(
                "MATCH (a:AuditEntry {action: 'create'}) WHERE a.target_id STARTS WITH 'p-res-' "
                "RETURN a.target_id AS id",
                database_="neo4j",
            )
        stored = {str(r["id"]) for r in people}
        logged = {str(r["id"]) for r in audited}
        lost = set(acknowledged) - stored
        checks.append(
            (
                "every acknowledged write is present after kill -9",
                not lost,
                f"{len(acknowledged):,} acknowledged, {len(lost)} missing; "
                f"refused while down: {dict(sorted(refused.items()))}",
            )
        )
        checks.append(
            (
                "no partial transaction: each person has its audit entry and back",
                stored == logged,
                f"{len(stored):,} people, {len(logged):,} entries",
            )
        )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=60)
        local.stop()
        shutil.rmtree(home, ignore_errors=True)
    failed = 0
    for what, ok, figure in checks:
        failed += not ok
        print(f"{'PASS' if ok else 'FAIL'}  {what}: {figure}")
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
