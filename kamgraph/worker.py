"""The analysis worker: one process that holds the live analysis graph for every web process.

`kamgraph serve` starts it beside the web server (or run `kamgraph worker` yourself). It

- builds the analysis graph once at start, and again in the background whenever the graph
  has changed and then stayed quiet for a moment (debounced), serving the previous graph
  meanwhile;
- answers the pages' questions (warm paths to a person, influence around a DMU) over a
  Unix socket in ``$KAMGRAPH_HOME``, authenticated by a key only its owner can read;
- recomputes the stored scores (``kamgraph analyze refresh``) in a child process after
  changes, at most every ``--scores-every`` seconds, so its own memory stays small.

Web processes talk to it with :class:`Client`; when it cannot answer in time, pages say so
and show the rest.
"""

from __future__ import annotations

import logging
import os
import secrets
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from multiprocessing import AuthenticationError
from multiprocessing.connection import Client as _connect
from multiprocessing.connection import Connection, Listener
from pathlib import Path
from typing import Any

import neo4j

from kamgraph import config
from kamgraph.errors import Invalid, KamgraphError, NotFound
from kamgraph.secrets_store import write_private
from kamgraph.services import live, warm_paths
from kamgraph.services.warm_paths import NoPath

log = logging.getLogger(__name__)

ANSWER_TIMEOUT = 5.0  # seconds a page waits for the worker before showing the rest


class Unanswered(KamgraphError):
    """The worker did not answer: not running, too slow, or still building its first graph.

    Not a 503: the page shows everything else and says why this part is missing.
    """


class NotReady(Unanswered):
    """The worker is building its first analysis graph."""


def socket_path(settings: Mapping[str, object]) -> Path:
    """KAMGRAPH_ANALYSIS_SOCKET, or analysis.sock in KAMGRAPH_HOME."""
    configured = settings.get("ANALYSIS_SOCKET")
    if configured:
        return Path(str(configured)).expanduser()
    return config.home_dir(settings) / "analysis.sock"


def auth_key(settings: Mapping[str, object]) -> bytes:
    """The key both sides prove they hold: a file beside the socket, owner-only."""
    path = socket_path(settings).with_suffix(".key")
    try:
        return bytes.fromhex(path.read_text(encoding="utf-8").strip())
    except FileNotFoundError:
        key = secrets.token_hex(32)
        write_private(path, key + "\n")
        return bytes.fromhex(key)


@dataclass
class Timing:
    """How the worker decides when to rebuild and when to recompute stored scores."""

    poll: float = 1.0  # seconds between looks at the graph revision
    quiet: float = 2.0  # rebuild once no change came for this long...
    longest: float = 30.0  # ...or once changes have waited this long
    scores_every: float | None = 300.0  # recompute stored scores at most this often


_Handler = Callable[[live.Snapshot, dict[str, Any]], Any]
_OPERATIONS: dict[str, _Handler] = {
    "paths": lambda s, r: warm_paths.compact_report(
        s.graph,
        r["target"],
        from_user=r.get("from_user"),
        k=int(r.get("k", 3)),
        as_of=s.built_at.isoformat(),
    ),
    "near": lambda s, r: live.near(s, list(r["members"])),
}
# What the pages are told, by the error the service raised.
_ERRORS: tuple[tuple[type[Exception], str], ...] = (
    (NoPath, "no_path"),
    (NotFound, "not_found"),
    (Invalid, "invalid"),
    (KeyError, "invalid"),
    (TypeError, "invalid"),
    (ValueError, "invalid"),
)


class Worker:
    """The listener, the rebuild loop and the score refreshes, for one Neo4j database."""

    def __init__(
        self,
        driver: neo4j.Driver,
        database: str,
        address: Path,
        key: bytes,
        *,
        timing: Timing | None = None,
        env: Mapping[str, str] | None = None,
        fresh_on_ask: bool = False,
    ) -> None:
        """`fresh_on_ask` answers every question from the graph as it is when asked,
        rebuilding first if it changed: for tests and tiny graphs, never at scale."""
        self.live = live.Live(driver, database)
        self._fresh_on_ask = fresh_on_ask
        self.timing = timing or Timing()
        self._address = address
        self._key = key
        self._env = dict(env if env is not None else os.environ)
        self._stop = threading.Event()
        self._listener: Listener | None = None
        self._threads: list[threading.Thread] = []
        self._scores: subprocess.Popen[bytes] | None = None
        self._scores_at = -float("inf")

    def start(self, *, loop: bool = True) -> None:
        """Listen, and (unless not `loop`) build and refresh in the background; returns
        at once."""
        self._address.parent.mkdir(parents=True, exist_ok=True)
        self._address.unlink(missing_ok=True)
        self._listener = Listener(str(self._address), family="AF_UNIX", authkey=self._key)
        os.chmod(self._address, 0o600)
        for target in (self._accept, self._loop) if loop else (self._accept,):
            thread = threading.Thread(
                target=target, name=f"kamgraph-{target.__name__}", daemon=True
            )
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        """Stop listening and refreshing; wait for a running score refresh."""
        self._stop.set()
        if self._listener is not None:
            self._listener.close()
        self._address.unlink(missing_ok=True)
        if self._scores is not None:
            self._scores.wait()

    def alive(self) -> bool:
        """Whether its listener and loop still run (they outlive errors, by design)."""
        return bool(self._threads) and all(thread.is_alive() for thread in self._threads)

    def wait(self, *, parent: int | None = None) -> None:
        """Block until stopped (Ctrl-C stops), or until process `parent` has gone."""
        while not self._stop.wait(1.0):
            if parent is not None and os.getppid() != parent:
                log.warning("analysis worker: the server that started it has gone; stopping")
                return

    # The rebuild loop ----------------------------------------------------------------

    def _loop(self) -> None:
        seen: str | None = None
        changed_at = waiting_since = 0.0
        while not self._stop.is_set():
            try:
                revision = self.live.revision()
                now = time.monotonic()
                if revision != seen:
                    seen, changed_at = revision, now
                    waiting_since = waiting_since or now
                if self.live.outdated(revision) and (
                    self.live.current is None  # the first build: at once
                    or now - changed_at >= self.timing.quiet  # changes have stopped
                    or now - waiting_since >= self.timing.longest  # or waited long enough
                ):
                    if self.live.refresh():
                        log.info("analysis graph rebuilt at revision %s", revision)
                    waiting_since = 0.0
                self._maybe_refresh_scores()
            except KamgraphError as error:
                log.warning("analysis worker: %s", error)
            except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as error:
                # Neo4j down or restarting: the current graph keeps answering, and the
                # loop tries again at its next look.
                log.warning("analysis worker: Neo4j: %s", error)
            except Exception:
                log.exception("analysis worker: a rebuild failed; trying again later")
            self._stop.wait(self.timing.poll)

    def _maybe_refresh_scores(self) -> None:
        if self.timing.scores_every is None:
            return
        if self._scores is not None:
            code = self._scores.poll()
            if code is None:
                return  # still running
            if code != 0:
                log.warning("analysis worker: `kamgraph analyze refresh` exited with %s", code)
            self._scores = None
            self._scores_at = time.monotonic()
        if time.monotonic() - self._scores_at < self.timing.scores_every:
            return
        if not self.live.scores_stale():
            return
        self._scores = subprocess.Popen(  # our own command, no shell
            [sys.executable, "-m", "kamgraph", "analyze", "refresh"],
            env=self._env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    # The listener --------------------------------------------------------------------

    def _accept(self) -> None:
        listener = self._listener
        while listener is not None and not self._stop.is_set():
            try:
                conn = listener.accept()
            except AuthenticationError:  # a client without the key
                log.warning("analysis worker: refused a connection without the key")
                continue
            except (OSError, EOFError):
                if self._stop.is_set():
                    return  # closed by stop()
                continue  # a client that hung up during the handshake
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: Connection) -> None:
        with conn:
            try:
                while True:
                    request: dict[str, Any] = conn.recv()
                    conn.send(self.answer(request))
            except (EOFError, OSError):
                return

    def answer(self, request: dict[str, Any]) -> dict[str, Any]:
        """One question from a page: {"op": ..., ...} -> {"ok": ...} or {"error": ...}."""
        op = request.get("op")
        if op == "status":
            return {"ok": self.status()}
        if self._fresh_on_ask:
            self.live.refresh()
        snapshot = self.live.current
        if snapshot is None:
            return {"error": "not_ready", "message": "the analysis graph is being built"}
        handler = _OPERATIONS.get(str(op))
        try:
            if handler is None:
                raise Invalid(f"unknown operation {op!r}")
            return {"ok": handler(snapshot, request)}
        except tuple(kind for kind, _ in _ERRORS) as error:
            code = next(code for kind, code in _ERRORS if isinstance(error, kind))
            return {"error": code, "message": str(error)}

    def status(self) -> dict[str, Any]:
        """What the worker holds: revision, day, build time and size."""
        snapshot = self.live.current
        if snapshot is None:
            return {"ready": False}
        graph = snapshot.graph
        return {
            "ready": True,
            "revision": snapshot.revision,
            "day": snapshot.day.isoformat(),
            "built_at": snapshot.built_at.isoformat(),
            "build_seconds": snapshot.seconds,
            "nodes": len(graph.ids),
            "array_bytes": graph.nbytes(),
        }


class Client:
    """A web process's line to the worker: one short connection per question."""

    def __init__(self, address: Path, key: bytes, *, timeout: float = ANSWER_TIMEOUT) -> None:
        self._address = address
        self._key = key
        self._timeout = timeout

    def ask(self, op: str, **request: Any) -> Any:
        """The worker's answer, or NotFound / NoPath / Invalid as the service would raise;
        Unanswered if it is not running or does not answer within the timeout."""
        try:
            with _connect(str(self._address), family="AF_UNIX", authkey=self._key) as conn:
                conn.send({"op": op, **request})
                if not conn.poll(self._timeout):
                    raise Unanswered("the analysis worker did not answer in time")
                reply: dict[str, Any] = conn.recv()
        except AuthenticationError as error:
            raise Unanswered("the analysis worker refused this app's key") from error
        except (OSError, EOFError) as error:
            raise Unanswered("the analysis worker is not running") from error
        if "ok" in reply:
            return reply["ok"]
        kind, message = reply.get("error"), str(reply.get("message", ""))
        errors: dict[str, type[KamgraphError]] = {
            "no_path": NoPath,
            "not_found": NotFound,
            "invalid": Invalid,
            "not_ready": NotReady,
        }
        raise errors.get(str(kind), Unanswered)(message)
