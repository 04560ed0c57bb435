"""Benchmark the analyses on a generated region: refresh, warm paths, coverage, engines.

Usage:
  .venv/bin/python bench/bench_generate.py --people 100000 --seed 1 --keep /tmp/bench100k
  KAMGRAPH_HOME=/tmp/bench100k .venv/bin/python bench/bench_analytics.py [--skip-networkx]

Prints: projection time and memory; `analyze refresh` wall time by phase (projection
included); p50/p95 of one warm-path query for random targets and of one tender's coverage
report; and PageRank, sampled betweenness and Louvain in plain NetworkX and in igraph on
the same graph, as ratios.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import statistics
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import igraph as ig
import networkx as nx

from kamgraph import connect
from kamgraph.analytics import brokers, engines
from kamgraph.models import DEFAULT_EDGES
from kamgraph.services import coverage, projection, refresh, warm_paths


def timed(label: str, action: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - started
    print(f"  {label:<44} {elapsed:8.2f} s")
    return result, elapsed


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"p50 {statistics.median(ordered) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--queries", type=int, default=40, help="samples per latency figure")
    parser.add_argument("--skip-networkx", action="store_true", help="skip the slow baseline")
    parser.add_argument(
        "--networkx-pivots",
        type=int,
        default=16,
        help="pivots for the betweenness comparison (NetworkX is slow)",
    )
    args = parser.parse_args()
    rng = random.Random(1)

    with connect() as driver, driver.session(database="neo4j") as session:
        print("projection (one streaming read) and memory")
        tracemalloc.start()
        graph, _ = timed(
            "projection, traced (slow; for the memory figure)",
            lambda: projection.projection(
                session, DEFAULT_EDGES["influence"], cache=projection.ProjectionCache()
            ),
        )
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"  nodes {graph.number_of_nodes():,}, edges {graph.number_of_edges():,}, "
            f"Python peak {peak / 2**20:,.0f} MiB"
        )

        print("analyze refresh (projection included)")
        projection.CACHE = projection.ProjectionCache()  # cold: refresh projects again
        marks: list[tuple[str, float]] = []
        started = time.perf_counter()
        result = refresh.refresh(
            session, progress=lambda step: marks.append((step, time.perf_counter()))
        )
        total = time.perf_counter() - started
        ends = [m[1] for m in marks[1:]] + [started + total]
        for (step, begin), end in zip(marks, ends, strict=True):
            print(f"  {step:<44} {end - begin:8.2f} s")
        print(f"  {'total':<44} {total:8.2f} s   ({result.people:,} people)")

        people = list(session.run("MATCH (p:Person) RETURN p.id AS id").value())
        tenders = list(session.run("MATCH (t:Tender) RETURN t.id AS id").value())
        path_graph = projection.projection(session, DEFAULT_EDGES["path"])
        warm_paths.path_report(session, rng.choice(people))  # builds the cached search graph
        print(f"warm path, {args.queries} random targets (search graph cached)")
        samples = []
        for target in rng.sample(people, args.queries):
            began = time.perf_counter()
            with contextlib.suppress(warm_paths.NoPath):
                warm_paths.path_report(session, target)
            samples.append(time.perf_counter() - began)
        print(f"  {percentiles(samples)}   ({path_graph.number_of_nodes():,} nodes)")
        print(f"tender coverage report, {args.queries} random tenders")
        samples = []
        for tender in [rng.choice(tenders) for _ in range(args.queries)]:
            began = time.perf_counter()
            coverage.coverage_report(session, tender_id=tender)
            samples.append(time.perf_counter() - began)
        print(f"  {percentiles(samples)}")

    print("engines on the same graph: igraph vs plain NetworkX")
    undirected = graph.to_undirected(as_view=True)
    k = min(brokers.SAMPLE_SOURCES, graph.number_of_nodes())
    index = {node: i for i, node in enumerate(graph.nodes())}
    directed = ig.Graph(
        n=len(index), directed=True, edges=[(index[u], index[v]) for u, v in graph.edges()]
    )
    directed.es["weight"] = [w for _, _, w in graph.edges(data="weight")]
    _, ig_pr = timed("igraph PageRank", lambda: directed.pagerank(weights="weight"))
    _, nx_pr = timed("networkx PageRank (scipy)", lambda: nx.pagerank(graph))
    _, ig_bc = timed(
        f"igraph betweenness, {k} pivots",
        lambda: engines.betweenness(nx.Graph(undirected), k=k, seed=0, weight=None),
    )
    found, ig_lv = timed(
        "igraph Louvain", lambda: engines.louvain(nx.Graph(undirected), weight="weight", seed=0)
    )
    ig_q = nx.community.modularity(undirected, found, weight="weight")
    print(f"  igraph Louvain modularity {ig_q:.4f}, {len(found)} groups")
    if args.skip_networkx:
        return
    pivots = args.networkx_pivots
    plain = nx.Graph(undirected)
    _, ig_bc = timed(
        f"igraph betweenness, {pivots} pivots",
        lambda: engines.betweenness(plain, k=pivots, seed=0, weight=None),
    )
    _, nx_bc = timed(
        f"networkx betweenness, {pivots} pivots",
        lambda: nx.betweenness_centrality(plain, k=pivots, seed=0),
    )
    nx_found, nx_lv = timed(
        "networkx Louvain", lambda: nx.community.louvain_communities(undirected, seed=0)
    )
    nx_q = nx.community.modularity(undirected, nx_found, weight="weight")
    print(f"  networkx Louvain modularity {nx_q:.4f}, {len(nx_found)} groups")
    print("ratios (networkx time / igraph time)")
    print(
        f"  PageRank {nx_pr / ig_pr:6.1f}x   betweenness {nx_bc / ig_bc:6.1f}x   "
        f"Louvain {nx_lv / ig_lv:6.1f}x"
    )


if __name__ == "__main__":
    main()
