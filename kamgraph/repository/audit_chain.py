"""The audit trail as a hash chain: each entry carries the hash of the one before.

An entry's hash is SHA-256 over its number, time, user, action and the previous entry's
hash, and over *digests* of its record, path and details, as canonical JSON. A digest is
SHA-256 of the field under a random salt of the entry's own. So an erasure (GDPR Art. 17)
can remove the person's id and name from the entries about them and keep the chain whole:
the entry then keeps the digests, and loses the raw fields and the salt (without the salt a
digest cannot be matched against a guessed id). Appends take a lock on one head node
(cypher/audit/head.cypher), so the chain has no forks; :func:`verify` walks it and names
the first entry that was rewritten, deleted or inserted.

Retention: :func:`prune` removes the entries older than a day from the start of the chain.
The head then keeps the number and hash of the last entry removed (the chain's new base),
and a "audit prune" entry, chained, says the same: verify starts from the base and checks
that a prune entry vouches for it.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import neo4j

from kamgraph.cypher import q
from kamgraph.repository._props import native
from kamgraph.repository._tx import read_rows, write

GENESIS = "0" * 64  # the "previous hash" of the first entry
BATCH = 5_000
ERASABLE = ("target_id", "path", "details")  # the fields an erasure may take out
ERASED = "(erased)"  # what an erased entry shows instead of its record


def field_digest(salt: str, value: str | None) -> str:
    """The digest of one erasable field under an entry's salt."""
    return hashlib.sha256(json.dumps([salt, value], ensure_ascii=False).encode()).hexdigest()


def digests(entry: Mapping[str, Any]) -> list[str]:
    """The digests of an entry's erasable fields: kept ones if it was erased, else computed."""
    if entry.get("erased_at") is not None:
        return [str(entry.get(f"{name}_digest")) for name in ERASABLE]
    return [field_digest(str(entry["salt"]), entry.get(name)) for name in ERASABLE]


def entry_hash(entry: Mapping[str, Any], prev: str) -> str:
    """The hash of one entry (seq, at, user_id, action, and the digests of target_id, path
    and details) after `prev`.

    >>> entry_hash({"seq": 1, "at": datetime(2026, 1, 1, tzinfo=UTC), "user_id": "u",
    ...             "action": "view", "target_id": "p", "path": "/people/p", "salt": "s"},
    ...            GENESIS)[:16]
    '8ac149067d9b2866'
    """
    at = native(entry["at"])
    stamp = at.astimezone(UTC).isoformat() if isinstance(at, datetime) else str(at)
    fields = [int(entry["seq"]), stamp, entry["user_id"], entry["action"], *digests(entry), prev]
    canonical = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def append(tx: neo4j.ManagedTransaction, entry: Mapping[str, Any]) -> None:
    """Append `entry` (at, user_id, action, target_id, path) to the chain, in `tx`."""
    head = tx.run(q("audit/head"), at=entry["at"]).single(strict=True)
    seq = int(head["seq"]) + 1
    prev = head["last_hash"] or GENESIS
    chained = {"details": None, **entry, "seq": seq, "salt": secrets.token_hex(16)}
    tx.run(q("audit/record"), {**chained, "prev": prev, "hash": entry_hash(chained, prev)})


@dataclass(frozen=True)
class Verdict:
    """What :func:`verify` found: entries checked, the first break (or None), and how many
    entries predate the chain."""

    checked: int
    problem: str | None
    unchained: int
    head: str | None = None  # the last entry's hash, when the chain is intact
    base: int = 0  # the entries up to this number were removed by a retention prune


def verify(session: neo4j.Session) -> Verdict:
    """Walk the chain in order from its base and recompute every hash.

    A rewritten entry no longer matches its hash; a deleted one leaves a gap in the
    numbers; an inserted one repeats a number or breaks the next entry's `prev`; deleted
    last entries leave the head pointing past the chain; a base that no prune entry vouches
    for means the first entries were deleted.
    """
    state = read_rows(session, q("audit/chain_state"))[0]
    unchained = int(state["unchained"])
    base, prev = int(state["base_seq"]), str(state["base_hash"] or GENESIS)
    if base and not _vouched(state["prunes"], base, prev):
        problem = f"entries 1 to {base} are gone and no retention prune in the chain removed them"
        return Verdict(0, problem, unchained)
    checked = 0
    for entry in _entries(session, base):
        problem = _break(entry, base + checked + 1, prev)
        if problem is not None:
            return Verdict(checked, problem, unchained)
        checked, prev = checked + 1, str(entry["hash"])
    head = int(state["seq"])
    if base + checked != head or (checked and prev != state["last_hash"]):
        problem = (
            f"entries {base + checked + 1} to {head} were deleted: the chain ends at "
            f"{base + checked}, its head at {head}"
        )
        return Verdict(checked, problem, unchained)
    return Verdict(checked, None, unchained, prev if checked else None, base)


def _vouched(prunes: list[dict[str, Any]], base: int, base_hash: str) -> bool:
    """Whether the latest prune entry says it cut the chain at `base`, hash `base_hash`."""
    if not prunes:
        return False
    latest = max(prunes, key=lambda p: int(p["seq"]))
    said = json.loads(str(latest["details"] or "{}"))
    return said.get("base_seq") == base and said.get("base_hash") == base_hash


def _break(entry: Mapping[str, Any], expected: int, prev: str) -> str | None:
    """What is wrong with `entry`, expected as number `expected` after hash `prev`."""
    seq = int(entry["seq"])
    where = (
        f"entry {seq} ({native(entry['at'])}: {entry['user_id']} {entry['action']} "
        f"{entry['target_id']})"
    )
    if seq < expected:
        return f"{where} repeats number {seq}: an entry was inserted"
    if seq > expected:
        return f"entries {expected} to {seq - 1} are missing: deleted before {where}"
    if entry["prev"] != prev:
        return f"{where} does not follow entry {seq - 1}: one before it was changed or replaced"
    if entry_hash(entry, prev) != entry["hash"]:
        return f"{where} was changed after it was written"
    return None


def _entries(session: neo4j.Session, after: int) -> Iterator[dict[str, Any]]:
    while True:
        rows = read_rows(session, q("audit/chain"), after=after, limit=BATCH)
        if not rows:
            return
        for row in rows:
            yield row["entry"]
        after = int(rows[-1]["entry"]["seq"])


def erase_mentions(session: neo4j.Session, ids: list[str], names: list[str], at: datetime) -> int:
    """Erase the record, path and details of every entry that names a data subject (by an
    id in `ids`, or a lower-case name in `names`), keeping the chain whole; delete the
    unchained ones. Returns how many entries were erased or deleted."""
    rows = read_rows(session, q("audit/mentioning"), ids=ids, names=names)
    erased = [
        {
            "seq": r["entry"]["seq"],
            **{
                f"{name}_digest": field_digest(str(r["entry"]["salt"]), r["entry"][name])
                for name in ERASABLE
            },
        }
        for r in rows
    ]

    def work(tx: neo4j.ManagedTransaction) -> int:
        for start in range(0, len(erased), BATCH):
            tx.run(q("audit/erase"), rows=erased[start : start + BATCH], erased=ERASED, at=at)
        deleted = tx.run(q("audit/unchained_mentioning"), ids=ids, names=names).single()
        return len(erased) + int(deleted["deleted"] if deleted else 0)

    return write(session, work, changes_graph=False)


@dataclass(frozen=True)
class Pruned:
    """What a retention prune removed: entries up to number `base_seq` (and how many)."""

    removed: int
    base_seq: int


def prune(session: neo4j.Session, before: datetime, entry: Mapping[str, Any]) -> Pruned:
    """Remove the entries written before `before` from the start of the chain.

    The cut, and the prune entry `entry` (at, user_id, path) that vouches for it, are
    written in one transaction; the entries below the cut then go in batches (a prune
    cut short leaves old entries that verify skips and the next prune removes).
    """

    def cut(tx: neo4j.ManagedTransaction) -> tuple[int, str | None]:
        head = tx.run(q("audit/head"), at=entry["at"]).single(strict=True)
        last = tx.run(q("audit/last_before"), before=before).single()
        if last is None:
            return 0, None
        base_seq, base_hash = int(last["seq"]), str(last["hash"])
        if base_seq <= int(head.get("base_seq") or 0):
            return base_seq, base_hash
        tx.run(q("audit/set_base"), base_seq=base_seq, base_hash=base_hash)
        details = json.dumps(
            {"base_seq": base_seq, "base_hash": base_hash, "before": before.isoformat()}
        )
        append(tx, {**entry, "action": "audit prune", "target_id": "audit", "details": details})
        return base_seq, base_hash

    base_seq, _ = write(session, cut, changes_graph=False)
    removed = 0
    while True:
        done = write(
            session,
            lambda tx: int(
                tx.run(
                    q("audit/delete_below"), base_seq=base_seq, before=before, limit=BATCH
                ).single(strict=True)["deleted"]
            ),
            changes_graph=False,
        )
        removed += done
        if done < BATCH:
            return Pruned(removed, base_seq)


def count_before(session: neo4j.Session, before: datetime) -> int:
    """How many entries were written before `before` (what a prune would remove)."""
    return int(read_rows(session, q("audit/count_before"), before=before)[0]["n"])
