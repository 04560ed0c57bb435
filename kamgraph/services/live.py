"""The live analysis graph: built once, shared by every request, rebuilt in the background.

A page never builds an analysis graph. The analysis worker (:mod:`kamgraph.worker`) holds
one :class:`Live`: its current :class:`Snapshot` answers warm paths
(:func:`kamgraph.services.warm_paths.compact_report`) and DMU influence in milliseconds,
and when the graph changes a new snapshot is built beside it while the old one keeps
answering (single flight: one build at a time, whoever asks).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import neo4j

from kamgraph import clock
from kamgraph.analytics import compact
from kamgraph.analytics import influence as influence_alg
from kamgraph.models import DEFAULT_EDGES
from kamgraph.repository import graph as graph_repo

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Snapshot:
    """The analysis graph as of one graph revision and one day."""

    graph: compact.CompactGraph
    revision: str
    built_at: datetime
    seconds: float  # how long the build took

    @property
    def day(self) -> date:
        return self.graph.today


class Live:
    """The current snapshot, and the one build that replaces it when the graph changes."""

    def __init__(self, driver: neo4j.Driver, database: str) -> None:
        self._driver = driver
        self._database = database
        self._current: Snapshot | None = None
        self._build = threading.Lock()

    @property
    def current(self) -> Snapshot | None:
        """The snapshot pages are answered from, or None before the first build."""
        return self._current

    def revision(self) -> str:
        """The graph's revision now (one small read)."""
        with self._driver.session(database=self._database) as session:
            return graph_repo.change_token(session)

    def scores_stale(self) -> bool:
        """Whether the stored scores predate the graph's last change."""
        with self._driver.session(database=self._database) as session:
            return graph_repo.scores_stale(session)

    def outdated(self, revision: str) -> bool:
        """Whether the current snapshot (if any) is of another revision or another day."""
        current = self._current
        return current is None or (current.revision, current.day) != (revision, clock.today())

    def refresh(self, *, progress: Progress | None = None) -> bool:
        """Build a new snapshot if the graph or the day changed since the current one.

        One build at a time: a second caller waits for the first and then finds nothing to
        do. The current snapshot keeps answering until the new one replaces it.
        """
        with self._build:
            current = self._current
            revision = self.revision()
            if not self.outdated(revision):
                return False
            fresh = self._make(revision, progress)
            if current is not None:  # the KAMs who asked lately find their paths ready
                for sources in current.graph.recent_sources():
                    # A user removed since (or a wiped and refilled database) asks no more.
                    if all(source in fresh.graph.index for source in sources):
                        fresh.graph.reach(sources)
            self._current = fresh
            return True

    def _make(self, revision: str, progress: Progress | None) -> Snapshot:
        started = time.monotonic()
        day = clock.today()
        if progress is not None:
            progress("reading the graph")
        with self._driver.session(database=self._database) as session:
            people, team, ties = graph_repo.projection_rows(session, DEFAULT_EDGES["path"], day)
        if progress is not None:
            progress(f"building the analysis graph ({len(people):,} people, {len(ties):,} ties)")
        graph = compact.build(people, team, ties, today=day)
        return Snapshot(graph, revision, clock.now(), time.monotonic() - started)


def near(snapshot: Snapshot, members: Sequence[str]) -> dict[str, Any]:
    """Influence around a DMU (or an account's people), answered from the snapshot."""
    graph = snapshot.graph
    scores = graph.neighbourhood_influence(members)
    outside = influence_alg.outside_influencers(scores, members, graph.moved_by_ids, graph.name)
    return {"scores": scores, "as_of": snapshot.built_at.isoformat(), "outside": outside}
