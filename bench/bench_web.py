"""Benchmark the dossier page: server-side time over many requests on the demo region.

Usage (a local Neo4j with the demo loaded, e.g. after `make run` or):
  kamgraph db start && kamgraph db init && kamgraph seed demo && kamgraph analyze refresh
  .venv/bin/python bench/bench_web.py [--requests 200]

Serves the app with waitress (as `kamgraph serve`) on a free port, signs in as a demo KAM,
and requests dossiers of random demo people. Prints the median and p95 of the server-side
time (the app's Server-Timing header) and of the client-side wall time per request.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import random
import re
import secrets
import socket
import statistics
import threading
import time
import urllib.parse
import urllib.request

from waitress.server import create_server

from kamgraph.app import create_app
from kamgraph.db import connect
from kamgraph.repository import users
from kamgraph.services import accounts

EMAIL = "kira.lund@northwind-medica.example"


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, round(share * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    password = secrets.token_urlsafe(16)  # for this run; Kira's own password is restored
    with connect() as driver, driver.session() as session:
        found = users.credentials(session, EMAIL)
        if found is None or found.password_hash is None:
            raise SystemExit(f"load the demo first: no user {EMAIL} with a password")
        accounts.set_password(session, EMAIL, password)
        people = session.run("MATCH (p:Person) RETURN p.id AS id").value()
        try:
            measure(people, password, args.requests)
        finally:
            users.set_password_hash(session, EMAIL, found.password_hash)


def measure(people: list[str], password: str, requests: int) -> None:
    """Serve, sign in, and time `requests` dossier pages."""
    app = create_app({"RATELIMIT_ENABLED": False})
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = create_server(app, host="127.0.0.1", port=port, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    login = opener.open(f"{base}/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login)
    if token is None:
        raise SystemExit("no CSRF token on the login page")
    form = urllib.parse.urlencode(
        {"email": EMAIL, "password": password, "csrf_token": token.group(1)}
    ).encode()
    opener.open(f"{base}/login", data=form).read()
    rng = random.Random(1)
    warm = opener.open(f"{base}/people/{people[0]}")  # builds the cached projection
    warm.read()
    print(f"first dossier (projection built): {warm.headers['Server-Timing']}")
    server_ms: list[float] = []
    wall_ms: list[float] = []
    for person in (rng.choice(people) for _ in range(requests)):
        began = time.perf_counter()
        response = opener.open(f"{base}/people/{person}")
        response.read()
        wall_ms.append((time.perf_counter() - began) * 1000)
        timing = re.search(r"dur=([\d.]+)", response.headers["Server-Timing"])
        if timing is None:
            raise SystemExit("no Server-Timing header")
        server_ms.append(float(timing.group(1)))
    print(f"dossier page, {requests} requests for random people of {len(people)}:")
    for label, samples in (("server-side", server_ms), ("client wall", wall_ms)):
        print(
            f"  {label:<12} median {statistics.median(samples):6.1f} ms   "
            f"p95 {percentile(samples, 0.95):6.1f} ms"
        )
    server.close()


if __name__ == "__main__":
    main()
