"""Neo4j Graph Data Science beside kamgraph's own refresh, on the same region and machine.

Usage:
  .venv/bin/python bench/bench_generate.py --people 100000 --seed 1 --keep /tmp/bench100k
  KAMGRAPH_HOME=/tmp/bench100k .venv/bin/kamgraph db stop
  .venv/bin/python bench/bench_gds.py --install /tmp/bench100k     # GDS 2.13 from Maven Central
  KAMGRAPH_HOME=/tmp/bench100k .venv/bin/kamgraph db start
  KAMGRAPH_HOME=/tmp/bench100k .venv/bin/python bench/bench_gds.py

`--install HOME` resolves GDS (group org.neo4j.gds, the open edition, GPLv3) with Maven
into HOME/neo4j/plugins, leaving out the jars the launcher has already, and allows its
procedures in HOME/neo4j/conf/neo4j.conf. The run then, one after the other:

1. runs ``kamgraph analyze refresh``'s service in-process, phase by phase (NetworkX's API
   with igraph underneath: the project's refresh);
2. projects the same weighted influence graph into GDS with a Cypher aggregation (the
   weights computed in Cypher exactly as kamgraph.analytics.projection documents them),
   and the undirected tie graph beside it;
3. runs GDS PageRank, sampled betweenness (the same 256 pivots' worth) and Louvain, and
   writes the three scores back to the people, as the refresh stores them;
4. compares GDS's answers with the scores the refresh stored: the top 100 by influence
   and by betweenness in common, and the largest difference in influence share.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kamgraph import clock, connect
from kamgraph.analytics.brokers import SAMPLE_SOURCES
from kamgraph.services import refresh

GDS_VERSION = "2.13.9"  # the line built for Neo4j 5.26

# The influence graph's weights as kamgraph.analytics.projection computes them: the base
# by type (KNOWS strength, INFLUENCES weight, 0.5 when missing; REPORTS_TO 0.6), KNOWS a
# fifth, times the recency 2^(-age/730) clipped to [0.25, 1]; ended ties left out.
TIES = """
MATCH (a:Person)
OPTIONAL MATCH (a)-[r:INFLUENCES|KNOWS|REPORTS_TO]->(b:Person)
WHERE r.until IS NULL OR r.until >= $today
WITH a, b, r, type(r) AS t, date(r.recorded_at) AS recorded, r.since AS since
WITH a, b, r, t, CASE WHEN recorded IS NULL THEN since
                      WHEN since IS NULL OR recorded > since THEN recorded
                      ELSE since END AS seen
WITH a, b, r, t,
     CASE WHEN seen IS NULL THEN 1.0
          ELSE 2.0 ^ (-toFloat(CASE WHEN seen > $today THEN 0
                                    ELSE duration.inDays(seen, $today).days END) / 730.0)
     END AS fresh
WITH a, b, t,
     CASE t WHEN 'REPORTS_TO' THEN 0.6 ELSE coalesce(r.strength, r.weight, 0.5) END
     * CASE t WHEN 'KNOWS' THEN 0.2 ELSE 1.0 END
     * CASE WHEN fresh < 0.25 THEN 0.25 WHEN fresh > 1.0 THEN 1.0 ELSE fresh END AS w
"""

PROJECT_MOVED = (
    TIES
    + """
UNWIND CASE WHEN t IS NULL THEN [[a, null]]
            WHEN t = 'INFLUENCES' THEN [[b, a]]
            WHEN t = 'REPORTS_TO' THEN [[a, b]]
            ELSE [[a, b], [b, a]] END AS e
WITH gds.graph.project('kg_moved', e[0], e[1],
       {relationshipProperties: CASE WHEN e[1] IS NULL THEN null ELSE {weight: w} END}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships
"""
)
PROJECT_TIES = (
    TIES
    + """
WITH gds.graph.project('kg_ties', a, b,
       {relationshipProperties: CASE WHEN b IS NULL THEN null ELSE {weight: w} END},
       {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships
"""
)


def install(home: Path) -> None:
    """GDS's jars into HOME/neo4j/plugins (without the launcher's own), and its setting."""
    plugins, conf = home / "neo4j" / "plugins", home / "neo4j" / "conf"
    launcher_jars = _launcher_jars()
    with tempfile.TemporaryDirectory() as tmp:
        pom = Path(tmp) / "pom.xml"
        pom.write_text(f"""<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>kamgraph.bench</groupId><artifactId>gds</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.neo4j.gds</groupId><artifactId>proc</artifactId>
      <version>{GDS_VERSION}</version></dependency>
    <dependency><groupId>org.neo4j.gds</groupId><artifactId>opengds-extension</artifactId>
      <version>{GDS_VERSION}</version></dependency>
  </dependencies>
</project>
""")
        subprocess.run(
            [
                "mvn",
                "-q",
                "-f",
                str(pom),
                "dependency:copy-dependencies",
                f"-DoutputDirectory={tmp}/lib",
                "-DincludeScope=runtime",
            ],
            check=True,
        )
        plugins.mkdir(parents=True, exist_ok=True)
        copied = 0
        for jar in sorted((Path(tmp) / "lib").glob("*.jar")):
            if jar.name in launcher_jars:
                continue  # the same library twice would clash in Neo4j's class loaders
            shutil.copy2(jar, plugins / jar.name)
            copied += 1
    conf.mkdir(parents=True, exist_ok=True)
    (conf / "neo4j.conf").write_text("dbms.security.procedures.unrestricted=gds.*\n")
    print(f"GDS {GDS_VERSION}: {copied} jars in {plugins}; start Neo4j again to load it")


def _launcher_jars() -> set[str]:
    from kamgraph import config, db  # noqa: PLC0415 - only the installer needs them

    local = db.local_neo4j(config.from_env())
    built = sorted(local.cache.glob("neo4j-*/READY"))
    if not built:
        raise SystemExit("start the local Neo4j once first (kamgraph db start)")
    return {jar.name for jar in built[-1].parent.glob("*.jar")}


def timed(label: str, action: Callable[[], Any], into: dict[str, float]) -> Any:
    started = time.perf_counter()
    result = action()
    into[label] = time.perf_counter() - started
    print(f"  {label:<48} {into[label]:7.2f} s", flush=True)
    return result


def ours(session: Any) -> dict[str, float]:
    """The project's refresh, timed by its own phases."""
    phases: dict[str, float] = {}
    marks: list[tuple[str, float]] = []
    started = time.perf_counter()
    refresh.refresh(session, progress=lambda step: marks.append((step, time.perf_counter())))
    ended = time.perf_counter()
    for (step, at), (_, until) in zip(marks, [*marks[1:], ("end", ended)], strict=True):
        phases[step] = until - at
        print(f"  {step:<48} {phases[step]:7.2f} s", flush=True)
    phases["total"] = ended - started
    print(f"  {'total':<48} {phases['total']:7.2f} s", flush=True)
    return phases


def gds(session: Any) -> dict[str, float]:
    """The same analyses in GDS, written back to the people."""
    phases: dict[str, float] = {}
    today = clock.today()
    run = session.run
    for name in ("kg_moved", "kg_ties"):
        run("CALL gds.graph.drop($name, false) YIELD graphName RETURN graphName", name=name)
    started = time.perf_counter()
    moved = timed(
        "project the influence graph (Cypher aggregation)",
        lambda: run(PROJECT_MOVED, today=today).single(),
        phases,
    )
    ties = timed(
        "project the undirected tie graph", lambda: run(PROJECT_TIES, today=today).single(), phases
    )
    print(
        f"    {moved['nodes']:,} nodes, {moved['relationships']:,} directed edges; "
        f"{ties['relationships']:,} undirected"
    )
    timed(
        "PageRank (weighted)",
        lambda: run(
            "CALL gds.pageRank.mutate('kg_moved', {relationshipWeightProperty: 'weight',"
            " dampingFactor: 0.85, tolerance: 1e-6, maxIterations: 100,"
            " mutateProperty: 'gds_influence'}) YIELD ranIterations RETURN ranIterations"
        ).consume(),
        phases,
    )
    timed(
        f"betweenness ({SAMPLE_SOURCES} sampled sources)",
        lambda: run(
            "CALL gds.betweenness.mutate('kg_ties', {samplingSize: $k, samplingSeed: 0,"
            " mutateProperty: 'gds_broker'}) YIELD centralityDistribution RETURN 1",
            k=SAMPLE_SOURCES,
        ).consume(),
        phases,
    )
    louvain = timed(
        "Louvain (weighted)",
        lambda: run(
            "CALL gds.louvain.mutate('kg_ties', {relationshipWeightProperty: 'weight',"
            " mutateProperty: 'gds_group'}) YIELD communityCount, modularity"
            " RETURN communityCount, modularity"
        ).single(),
        phases,
    )
    print(f"    {louvain['communityCount']:,} groups, modularity {louvain['modularity']:.4f}")
    timed(
        "write the three scores to the people",
        lambda: [
            run(
                "CALL gds.graph.nodeProperties.write($g, [$p]) YIELD propertiesWritten RETURN 1",
                g=g,
                p=p,
            ).consume()
            for g, p in (
                ("kg_moved", "gds_influence"),
                ("kg_ties", "gds_broker"),
                ("kg_ties", "gds_group"),
            )
        ],
        phases,
    )
    phases["total"] = time.perf_counter() - started
    print(f"  {'total':<48} {phases['total']:7.2f} s", flush=True)
    for name in ("kg_moved", "kg_ties"):
        run("CALL gds.graph.drop($name) YIELD graphName RETURN graphName", name=name).consume()
    return phases


def agreement(session: Any) -> None:
    """How close GDS's answers are to the ones the refresh stored."""
    rows = session.run(
        "MATCH (p:Person) RETURN p.id AS id, p.influence AS ours, p.gds_influence AS gds,"
        " p.broker AS our_broker, p.gds_broker AS gds_broker"
    ).data()
    our_sum = sum(r["ours"] or 0.0 for r in rows)
    gds_sum = sum(r["gds"] or 0.0 for r in rows)
    worst = max(abs((r["ours"] or 0.0) / our_sum - (r["gds"] or 0.0) / gds_sum) for r in rows)

    def top(key: str) -> set[str]:
        ranked = sorted(rows, key=lambda r: r[key] or 0.0, reverse=True)
        return {r["id"] for r in ranked[:100]}

    print(
        f"  influence: top 100 in common {len(top('ours') & top('gds'))}; largest difference "
        f"in share {worst:.2e} (the mean share is {1 / len(rows):.2e})"
    )
    print(
        f"  betweenness: top 100 in common {len(top('our_broker') & top('gds_broker'))} "
        "(each samples its own sources)"
    )
    session.run("MATCH (p:Person) REMOVE p.gds_influence, p.gds_broker, p.gds_group").consume()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--install", type=Path, metavar="HOME", help="install GDS into HOME")
    args = parser.parse_args()
    if args.install:
        install(args.install)
        return
    with connect() as driver, driver.session(database="neo4j") as session:
        version = session.run("RETURN gds.version() AS v").single()
        print(f"GDS {version['v'] if version else '?'}")
        print("kamgraph analyze refresh (NetworkX API, igraph underneath), by phase")
        mine = ours(session)
        print("Graph Data Science, by phase")
        theirs = gds(session)
        print("agreement")
        agreement(session)
        print(
            f"\nrefresh {mine['total']:.1f} s, GDS {theirs['total']:.1f} s: "
            f"GDS takes {theirs['total'] / mine['total']:.2f}x"
        )


if __name__ == "__main__":
    main()
