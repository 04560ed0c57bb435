"""The audit trail as a hash chain: each entry carries the hash of the one before.

An entry's hash is SHA-256 over its number, time, user, action, record, path and the
previous entry's hash, as canonical JSON. Appends take a lock on one head node
(cypher/audit/head.cypher), so the chain has no forks; :func:`verify` walks it and names
the first entry that was rewritten, deleted or inserted.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import neo4j

from kamgraph.cypher import q
from kamgraph.repository._props import native
from kamgraph.repository._tx import read_rows

GENESIS = "0" * 64  # the "previous hash" of the first entry
BATCH = 5_000


def entry_hash(entry: Mapping[str, Any], prev: str) -> str:
    """The hash of one entry (seq, at, user_id, action, target_id, path, and details if
    any) after `prev`.

    >>> entry_hash({"seq": 1, "at": datetime(2026, 1, 1, tzinfo=UTC), "user_id": "u",
    ...             "action": "view", "target_id": "p", "path": "/people/p"}, GENESIS)[:16]
    '447c0e4f29841c8d'
    """
    at = native(entry["at"])
    stamp = at.astimezone(UTC).isoformat() if isinstance(at, datetime) else str(at)
    fields = [int(entry["seq"]), stamp, entry["user_id"], entry["action"], entry["target_id"],
              entry["path"], prev]  # fmt: skip
    if entry.get("details") is not None:  # what a change changed (entries that have it)
        fields.append(entry["details"])
    canonical = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def append(tx: neo4j.ManagedTransaction, entry: Mapping[str, Any]) -> None:
    """Append `entry` (at, user_id, action, target_id, path) to the chain, in `tx`."""
    head = tx.run(q("audit/head"), at=entry["at"]).single(strict=True)
    seq = int(head["seq"]) + 1
    prev = head["last_hash"] or GENESIS
    chained = {"details": None, **entry, "seq": seq}
    tx.run(q("audit/record"), {**chained, "prev": prev, "hash": entry_hash(chained, prev)})


@dataclass(frozen=True)
class Verdict:
    """What :func:`verify` found: entries checked, the first break (or None), and how many
    entries predate the chain."""

    checked: int
    problem: str | None
    unchained: int
    head: str | None = None  # the last entry's hash, when the chain is intact


def verify(session: neo4j.Session) -> Verdict:
    """Walk the chain in order and recompute every hash.

    A rewritten entry no longer matches its hash; a deleted one leaves a gap in the
    numbers; an inserted one repeats a number or breaks the next entry's `prev`; deleted
    last entries leave the head pointing past the chain.
    """
    state = read_rows(session, q("audit/chain_state"))[0]
    unchained = int(state["unchained"])
    checked, prev = 0, GENESIS
    for entry in _entries(session):
        problem = _break(entry, checked + 1, prev)
        if problem is not None:
            return Verdict(checked, problem, unchained)
        checked, prev = checked + 1, str(entry["hash"])
    head = int(state["seq"])
    if checked != head or (checked and prev != state["last_hash"]):
        problem = (f"entries {checked + 1} to {head} were deleted: the chain ends at "
                   f"{checked}, its head at {head}")  # fmt: skip
        return Verdict(checked, problem, unchained)
    return Verdict(checked, None, unchained, prev if checked else None)


def _break(entry: Mapping[str, Any], expected: int, prev: str) -> str | None:
    """What is wrong with `entry`, expected as number `expected` after hash `prev`."""
    seq = int(entry["seq"])
    where = (f"entry {seq} ({native(entry['at'])}: {entry['user_id']} {entry['action']} "
             f"{entry['target_id']})")  # fmt: skip
    if seq < expected:
        return f"{where} repeats number {seq}: an entry was inserted"
    if seq > expected:
        return f"entries {expected} to {seq - 1} are missing: deleted before {where}"
    if entry["prev"] != prev:
        return f"{where} does not follow entry {seq - 1}: one before it was changed or replaced"
    if entry_hash(entry, prev) != entry["hash"]:
        return f"{where} was changed after it was written"
    return None


def _entries(session: neo4j.Session) -> Iterator[dict[str, Any]]:
    after = 0
    while True:
        rows = read_rows(session, q("audit/chain"), after=after, limit=BATCH)
        if not rows:
            return
        for row in rows:
            yield row["entry"]
        after = int(rows[-1]["entry"]["seq"])
