"""A leaving KAM's coverage, plans and open commitments, read for a preview and moved to a
colleague in one transaction (services/handover.py)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

import neo4j

from kamgraph import clock
from kamgraph.cypher import q
from kamgraph.errors import Conflict, NotFound
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import count_records, note_change, write

# A proposal with one of these statuses is history: its authors stay as they were.
CLOSED_PROPOSALS = ("won", "lost")


@dataclass(frozen=True)
class Item(Row):
    """One record a handover moves, named for the preview."""

    id: str
    name: str


@dataclass(frozen=True)
class TenderStep(Row):
    """An open tender plan step the leaver owns: `id` is "tender id/step key"."""

    id: str
    name: str  # the tender's title
    key: str


@dataclass(frozen=True)
class Moves(Row):
    """Everything a handover from one user moves, by kind."""

    covers: list[Item]
    accounts: list[Item]
    person_plans: list[Item]
    account_plans: list[Item]
    proposals: list[Item]
    follow_ups: list[Item]
    tender_steps: list[TenderStep]

    def ids(self) -> dict[str, list[str]]:
        """The ids of what moves, by kind (the audit entry's details)."""
        return {kind: [item["id"] for item in items] for kind, items in asdict(self).items()}

    def counts(self) -> dict[str, int]:
        """How many of each kind move."""
        return {kind: len(ids) for kind, ids in self.ids().items()}

    def token(self, to_id: str) -> str:
        """A digest of what moves and to whom: a preview confirmed later is stale if the
        digest differs by then."""
        said = json.dumps({"to": to_id, **self.ids()}, sort_keys=True)
        return hashlib.sha256(said.encode()).hexdigest()[:16]


def _moves(tx: neo4j.ManagedTransaction, from_id: str, today: date) -> Moves | None:
    found = tx.run(
        q("handover/preview"), from_id=from_id, today=today, closed=list(CLOSED_PROPOSALS)
    ).single()
    if found is None:
        return None
    moves = Moves.from_map(found.data())
    count_records(sum(moves.counts().values()))
    return moves


def preview(session: neo4j.Session, from_id: str, today: date) -> Moves | None:
    """What a handover from `from_id` would move as of `today`; None if no such user."""
    return session.execute_read(_moves, from_id, today)


def hand_over(session: neo4j.Session, from_id: str, to_id: str, *, token: str, by: str) -> Moves:
    """Move everything of `from_id` that the preview `token` showed to `to_id`, in one
    transaction; the audit entry (opened by the caller) gets the counts and the ids.
    Conflict if anything changed since the preview (nothing is moved then)."""
    today, at = clock.today(), clock.now()

    def work(tx: neo4j.ManagedTransaction) -> Moves:
        moves = _moves(tx, from_id, today)
        if moves is None:
            raise NotFound("no such user")
        if moves.token(to_id) != token:
            raise Conflict("what the handover moves changed since the preview")
        ids = moves.ids()
        common: dict[str, Any] = {"from_id": from_id, "to_id": to_id, "today": today}
        common.update(by=by, at=at)
        yesterday = today - timedelta(days=1)
        covers = ids["covers"]
        tx.run(q("handover/move_covers"), ids=covers, yesterday=yesterday, **common).consume()
        tx.run(q("handover/move_accounts"), ids=ids["accounts"], **common).consume()
        plans = ids["person_plans"] + ids["account_plans"]
        tx.run(q("handover/move_plans"), ids=plans, **common).consume()
        tx.run(q("handover/move_proposals"), ids=ids["proposals"], **common).consume()
        tx.run(q("handover/move_follow_ups"), ids=ids["follow_ups"], **common).consume()
        tx.run(q("handover/move_tender_steps"), keys=ids["tender_steps"], **common).consume()
        note_change(
            {
                "to": [None, to_id],
                "counts": [None, moves.counts()],
                **{kind: [None, moved] for kind, moved in ids.items()},
            }
        )
        return moves

    return write(session, work)
