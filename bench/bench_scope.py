"""What record-level access costs a page, on a generated region in a throwaway Neo4j.

Usage:
  .venv/bin/python bench/bench_scope.py [--people 20000] [--pages 300]

A dossier page reads the dossier (the baseline: what the page cost before record-level
access), then asks the scope service whether the reader reaches the person and the people
named beside them (services/scope.py: `require`, then `dossier`). The search box runs the
search (baseline), then keeps the hits the reader reaches. This times both halves for a
KAM whose territory is one of the region's regions, over `pages` random people of hers,
in the same run, and prints the median and 95th percentile of each, and the ratio.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

from throwaway import neo4j_home  # bench/throwaway.py, beside this script

from kamgraph import db
from kamgraph.repository import dossier as dossier_repo
from kamgraph.repository import search as search_repo
from kamgraph.repository import users as users_repo
from kamgraph.seeding import generate
from kamgraph.services import scope as scopes


def _ms(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def _line(name: str, base: list[float], added: list[float]) -> str:
    def q(values: list[float], at: int) -> float:
        return statistics.quantiles(values, n=100)[at - 1]

    ratio = statistics.median(added) / statistics.median(base)
    return (
        f"{name:<10} {statistics.median(base):>9.2f} {q(base, 95):>8.2f}   "
        f"{statistics.median(added):>9.2f} {q(added, 95):>8.2f}   {ratio:>5.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(7)
    home = neo4j_home("kamgraph-bench-scope-", heap="2g", pagecache_mb=1024)
    with (
        home as (_, settings),
        db.connect(settings) as driver,
        driver.session(database="neo4j") as session,
    ):
        db.apply_schema(session)
        generate.write_region(session, generate.Shape(people=args.people, seed=1))
        found = users_repo.credentials(session, "kam0@northwind.example")
        assert found is not None
        scope = scopes.of(session, found.user)
        candidates = [f"gp{rng.randrange(args.people)}" for _ in range(args.pages * 20)]
        mine = sorted(scopes.readable(session, scope, "person", candidates))[: args.pages]
        words = [*generate.GIVEN[:5], *generate.FAMILY[:5]]  # names the region has
        base_dossier: list[float] = []
        scoped_dossier: list[float] = []
        base_search: list[float] = []
        scoped_search: list[float] = []
        for person in mine:  # alternate, so that both halves see the same cache
            stored = dossier_repo.get(session, person)
            assert stored is not None
            base_dossier.append(_ms(lambda p=person: dossier_repo.get(session, p)))
            scoped_dossier.append(
                _ms(
                    lambda p=person, s=stored: (
                        scopes.require(session, scope, "person", p),
                        scopes.dossier(session, scope, s),
                    )
                )
            )
            text = rng.choice(words)
            grouped = search_repo.search(session, text)
            base_search.append(_ms(lambda t=text: search_repo.search(session, t)))
            scoped_search.append(
                _ms(
                    lambda g=grouped: {
                        kind: scopes.readable(session, scope, kind, (h.id for h in hits))
                        for kind, hits in g.items()
                    }
                )
            )
    print(
        f"{args.people:,} people; {len(mine)} pages of the KAM's own territory ({scope.regions[0]})"
    )
    print(f"{'':<10} {'base p50':>9} {'p95':>8}   {'scope p50':>9} {'p95':>8}   ratio")
    print(_line("dossier", base_dossier, scoped_dossier))
    print(_line("search", base_search, scoped_search))


if __name__ == "__main__":
    main()
