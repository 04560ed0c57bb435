"""The web app's line to the analysis worker: warm paths and DMU influence for the pages.

A page never builds an analysis graph; it asks the worker (kamgraph.worker), which answers
from the graph it holds. If the worker is not running, is still building its first graph,
or does not answer in time, the page shows everything else and says why this part is
missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from flask import Flask, current_app, g

from kamgraph import worker
from kamgraph.i18n import N_, Message
from kamgraph.services import warm_paths

_EXTENSION = "kamgraph.analysis"

PREPARING = Message(N_("Warm paths and influence are being prepared; reload in a minute."))
MISSING = Message(
    N_("Warm paths and influence are not available right now: the analysis worker is not running.")
)


def init_app(app: Flask) -> None:
    """Give the app its client; the key and socket come from the app's settings."""
    settings = cast(dict[str, object], app.config)
    app.extensions[_EXTENSION] = worker.Client(
        worker.socket_path(settings),
        worker.auth_key(settings),
        timeout=float(str(settings.get("ANALYSIS_TIMEOUT") or worker.ANSWER_TIMEOUT)),
    )


def _client() -> worker.Client:
    return cast(worker.Client, current_app.extensions[_EXTENSION])


def why(error: worker.Unanswered) -> str:
    """What a page says in place of the analysis."""
    return PREPARING if isinstance(error, worker.NotReady) else MISSING


def path_report(target: str, *, from_user: str, k: int = 3) -> warm_paths.PathsReport:
    """My warm paths to a person (NotFound or NoPath as the service raises them)."""
    found = _client().ask("paths", target=target, from_user=from_user, k=k)
    return cast(warm_paths.PathsReport, found)


def near(members: Sequence[str]) -> dict[str, Any]:
    """Influence around people, or empty scores and the reason they are missing.

    Asked once per request and group of people: the tender page's coverage table and its
    forecast share one answer.
    """
    asked: dict[tuple[str, ...], dict[str, Any]] = g.setdefault("kamgraph_near", {})
    key = tuple(members)
    if key not in asked:
        try:
            asked[key] = cast(dict[str, Any], _client().ask("near", members=list(members)))
        except worker.Unanswered as error:
            asked[key] = {"scores": {}, "as_of": None, "unavailable": why(error)}
    return asked[key]
