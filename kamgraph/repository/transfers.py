"""The transfer-of-value ledger: record, read, decide, and the yearly totals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import neo4j

from kamgraph import transfer_rules
from kamgraph.cypher import q
from kamgraph.errors import Conflict, NotFound
from kamgraph.i18n import Message, restored, stored
from kamgraph.models import OPEN_TENDER_STATUSES, TRANSFER_STATUSES_GIVEN, Transfer
from kamgraph.repository._props import plain
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import note_change, read_rows, write, write_rows

LEDGER_LIMIT = 500


@dataclass(frozen=True)
class Entry:
    """A transfer as the ledger shows it: the record and the names around it."""

    transfer: Transfer
    person: str
    event: str | None
    giver: str | None
    decider: str | None


def facts(session: neo4j.Session, person_id: str, day: date) -> transfer_rules.Facts | None:
    """What the rules need to know about the person, for a transfer on `day`; None if there
    is no such person."""
    rows = read_rows(
        session,
        q("transfer/facts"),
        person_id=person_id,
        open_statuses=list(OPEN_TENDER_STATUSES),
        year_start=date(day.year, 1, 1),
        year_end=date(day.year, 12, 31),
        counted=list(TRANSFER_STATUSES_GIVEN),
    )
    if not rows:
        return None
    row = plain(rows[0])
    employers = row["employers"]
    country = next((e["country"] for e in employers if e["country"]), None)
    return transfer_rules.Facts(
        person_id=row["id"],
        name=row["name"],
        country=country,
        employers=tuple(dict.fromkeys(str(e["kind"]) for e in employers)),
        employer=employers[0]["org"] if employers else None,
        open_tender_roles=tuple((str(r["title"]), str(r["role"])) for r in row["open_roles"]),
        given=tuple(
            transfer_rules.Given(Decimal(str(g["amount"])), str(g["currency"]), g["date"])
            for g in row["given"]
        ),
    )


def create(session: neo4j.Session, transfer: Transfer) -> bool:
    """Store a new transfer; False if this id was stored before (a resubmitted form: the
    first is kept). NotFound if the person, the giver or the event does not exist."""
    props = {
        "id": transfer.id,
        "kind": transfer.kind,
        "amount": str(transfer.amount),
        "amount_minor": transfer_rules.to_minor(transfer.amount, transfer.currency),
        "currency": transfer.currency,
        "date": transfer.date,
        "purpose": transfer.purpose,
        "status": transfer.status,
        "findings": [stored(f) if isinstance(f, Message) else f for f in transfer.findings],
        "recorded_by": transfer.recorded_by,
        "recorded_at": transfer.recorded_at,
        "decided_by": transfer.decided_by,
        "decided_at": transfer.decided_at,
        "decision_note": transfer.decision_note,
        "source": transfer.source,
    }
    rows = write_rows(
        session,
        q("transfer/create"),
        changes_graph=False,
        missing="the person, the colleague or the event was not found",
        props={k: v for k, v in props.items() if v is not None},
        person_id=transfer.person_id,
        given_by=transfer.given_by,
        event_id=transfer.event_id,
    )
    return bool(rows[0]["created"])


def get(session: neo4j.Session, transfer_id: str) -> Entry | None:
    """One transfer, or None."""
    rows = read_rows(session, q("transfer/get"), id=transfer_id)
    return _entry(rows[0]) if rows else None


def ledger(
    session: neo4j.Session,
    *,
    given_by: str | None = None,
    person_id: str | None = None,
    status: str | None = None,
    limit: int = LEDGER_LIMIT,
) -> list[Entry]:
    """Transfers, newest first: all, or those one colleague gave, one person received, or
    with one status."""
    rows = read_rows(
        session,
        q("transfer/ledger"),
        given_by=given_by,
        person_id=person_id,
        status=status,
        limit=limit,
    )
    return [_entry(row) for row in rows]


def decide(
    session: neo4j.Session,
    transfer_id: str,
    *,
    approve: bool,
    user_id: str,
    at: datetime,
    note: str,
) -> str:
    """Approve or reject a pending transfer; returns the new status. NotFound if there is no
    such transfer; Conflict (nothing written) if it was not pending."""
    status = "approved" if approve else "rejected"

    def work(tx: neo4j.ManagedTransaction) -> str:
        rows = [
            r.data()
            for r in tx.run(
                q("transfer/decide"),
                id=transfer_id,
                status=status,
                user_id=user_id,
                at=at,
                note=note,
            )
        ]
        if not rows:
            raise NotFound(f"no transfer with id {transfer_id!r}")
        if rows[0]["before"] != "pending":  # raised inside: rolled back, and no audit entry
            raise Conflict(
                f"this transfer is {rows[0]['before']}, not pending: it was decided already"
            )
        return str(rows[0]["after"])

    note_change({"status": ["pending", status], "decision_note": [None, note]})
    return write(session, work, changes_graph=False)


def _first(values: list[str] | None) -> str | None:
    return values[0] if values else None


@dataclass(frozen=True)
class Total(Row):
    """One person's transfers of one kind in one currency: their sum in minor units and
    count, with the person's current organization and the country it is in."""

    person_id: str
    person: str
    kind: str
    currency: str
    minor: int
    n: int
    organization: str | None
    country: str | None = field(metadata={"read": _first})

    @property
    def amount(self) -> Decimal:
        """The sum, exact."""
        return transfer_rules.from_minor(int(self.minor), self.currency)


def totals(
    session: neo4j.Session, start: date, end: date, statuses: tuple[str, ...]
) -> list[Total]:
    """Per person, kind and currency: the sum (exact, `amount`) and count of transfers
    dated from `start` to `end` with one of `statuses`."""
    rows = read_rows(
        session, q("transfer/totals"), statuses=list(statuses), **{"from": start, "to": end}
    )
    return Total.from_maps(rows)


def _entry(row: Mapping[str, Any]) -> Entry:
    row = plain(row)
    x = row["transfer"]
    transfer = Transfer(
        id=x["id"],
        person_id=row["person_id"],
        kind=x["kind"],
        amount=Decimal(x["amount"]),
        currency=x["currency"],
        date=x["date"],
        given_by=row["given_by"] or "",
        purpose=x.get("purpose"),
        event_id=row["event_id"],
        status=x["status"],
        findings=tuple(restored(f) for f in x.get("findings") or ()),
        recorded_by=x.get("recorded_by"),
        recorded_at=x.get("recorded_at"),
        decided_by=x.get("decided_by"),
        decided_at=x.get("decided_at"),
        decision_note=x.get("decision_note"),
        source=x.get("source") or "manual",
    )
    return Entry(transfer, row["person"], row["event"], row["giver"], row["decider"])
