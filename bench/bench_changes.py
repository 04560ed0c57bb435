"""What the What changed page (/changes) costs, on a generated region in a throwaway Neo4j.

Usage:
  .venv/bin/python bench/bench_changes.py [--people 20000] [--pages 100]

Generates a region (kamgraph.seeding.generate, as bench/bench_generate.py does; every
20,000 people make a region, a KAM's territory), then changes it through the real import
path (services/data.import_path), which writes the change log: one person in fifty gets a
new specialty, and one cover in 25 moves on the ladder, in the week the page shows. Then
it serves the app in-process, signs in as a KAM and as a lead, and times
`pages` requests of /changes for each, beside two figures measured in the same run: a Bolt
`RETURN 1` (the floor of any page) and the former way of reading the period (the newest
2,000 changes of the whole graph, filtered by scope afterwards), so the page's cost can be
read against what it shows. Prints the median and 95th percentile of each, and how many
changes the graph and each page hold.
"""

from __future__ import annotations

import argparse
import functools
import random
import re
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from datetime import time as day_time
from pathlib import Path

import neo4j
from throwaway import neo4j_home  # bench/throwaway.py, beside this script

from kamgraph import clock, db
from kamgraph.app import create_app
from kamgraph.models import COVERAGE_STAGES
from kamgraph.repository import history
from kamgraph.repository import users as users_repo
from kamgraph.seeding import generate
from kamgraph.services import accounts, changes
from kamgraph.services import data as bundle_service
from kamgraph.services import scope as scopes

print = functools.partial(print, flush=True)  # progress as it comes

KAM = "kam0@northwind.example"
LEAD = "lead0@northwind.example"


def _ms(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def _q(values: list[float], at: int) -> float:
    return statistics.quantiles(values, n=100)[at - 1]


def _line(name: str, values: list[float], shown: str = "") -> str:
    return f"{name:<34} {statistics.median(values):>9.2f} {_q(values, 95):>9.2f}   {shown}"


def _changes_through_an_import(session: neo4j.Session, people: int, folder: Path) -> None:
    """One person in fifty gets a new specialty, and one cover in 25 a new ladder stage,
    through the import path (the change log is written as any import writes it)."""
    rng = random.Random(11)
    rows = ["id,given_name,family_name,specialty"]
    found = session.run(
        "MATCH (p:Person) WHERE p.id IN $ids RETURN p.id AS id, p.given_name AS g, "
        "p.family_name AS f",
        ids=[f"gp{i}" for i in range(0, people, 50)],
    )
    rows += [f"{r['id']},{r['g']},{r['f']},Specialty {rng.randrange(1000)}" for r in found]
    (folder / "people.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    covers = session.run(
        "MATCH (u:User)-[c:COVERS]->(p:Person) RETURN u.id AS u, p.id AS p, c.stage AS stage"
    ).data()
    ties = ["type,from_id,to_id,stage"]
    for cover in covers[::25]:
        stage = rng.choice([s for s in COVERAGE_STAGES if s != cover["stage"]])
        ties.append(f"COVERS,{cover['u']},{cover['p']},{stage}")
    (folder / "relationships.csv").write_text("\n".join(ties) + "\n", encoding="utf-8")
    bundle_service.import_path(session, folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    password = secrets.token_urlsafe(16)
    home = neo4j_home("kamgraph-bench-changes-", heap="2g", pagecache_mb=1024)
    with (
        home as (work, settings),
        db.connect(settings) as driver,
        driver.session(database="neo4j") as session,
    ):
        db.apply_schema(session)
        began = time.perf_counter()
        generate.write_region(session, generate.Shape(people=args.people, seed=1))
        print(f"generated {args.people:,} people in {time.perf_counter() - began:.0f} s")
        began = time.perf_counter()
        _changes_through_an_import(session, args.people, Path(tempfile.mkdtemp(dir=work)))
        total = session.run("MATCH (c:Change) RETURN count(c) AS n").single(strict=True)["n"]
        print(f"{total:,} changes written by an import in {time.perf_counter() - began:.0f} s")
        for email in (KAM, LEAD):
            accounts.set_password(session, email, password)
        app = create_app(
            {**settings, "SECRET_KEY": secrets.token_hex(20), "RATELIMIT_ENABLED": False}
        )
        today = clock.today()
        start = datetime.combine(today - timedelta(days=7), day_time(0, 0), tzinfo=UTC)
        print(f"{'':<34} {'p50 ms':>9} {'p95 ms':>9}   shown")
        bolt = [_ms(lambda: session.run("RETURN 1").consume()) for _ in range(args.pages)]
        print(_line("baseline: Bolt RETURN 1", bolt))
        whole = [
            _ms(lambda: history.since(session, start, limit=changes.PERIOD_LIMIT))
            for _ in range(args.pages)
        ]
        print(_line("former read: newest 2,000 of all", whole, "(before the scope filter)"))
        for email in (KAM, LEAD):
            found = users_repo.credentials(session, email)
            assert found is not None
            scope = scopes.of(session, found.user)
            page = changes.changes_page(session, scope, today - timedelta(days=7), today)
            shown = sum(
                len(x) for x in (page.lost_champions, page.rotation, page.new_members, page.other)
            )
            client = app.test_client()
            login = client.get("/login").get_data(as_text=True)
            token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login)
            assert token is not None
            form = {"email": email, "password": password, "csrf_token": token.group(1)}
            assert client.post("/login", data=form).status_code == 302
            assert client.get("/changes").status_code == 200  # warm
            times = [_ms(lambda c=client: c.get("/changes").close()) for _ in range(args.pages)]
            role = found.user.role
            print(
                _line(f"/changes page, {role} ({found.user.region})", times, f"{shown:,} changes")
            )


if __name__ == "__main__":
    main()
