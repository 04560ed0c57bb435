"""The demo region: seeds/demo/ loaded through the import path, with its dates kept current;
its transfers of value (seeds/demo-transfers.csv) through the ledger's repository."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, cast

import neo4j

from kamgraph import clock
from kamgraph.models import Transfer
from kamgraph.repository import bundles
from kamgraph.resources import resource_dir
from kamgraph.schema import Bundle
from kamgraph.services import data as service

# The day the demo's dates were written for. Loading moves every dated event (meetings,
# follow-ups, tender dates, ties' since/until) forward by whole weeks to the current week of
# the app's clock, so that the demo's "this week" is always this week. Birthdays never move:
# a birth date is a fact about a person, and the dossier, the vCard and the calendar feed
# must say the same thing whatever week the demo was loaded in (ARCHITECTURE.md, "Time").
ANCHOR = date(2026, 11, 23)


# The demo's own texts go through the special-category screen like any import. Two of its
# people sing in a church choir (p-mirela-dascu, p-johanna-berk): a hobby from which religion
# can be inferred, kept on purpose so the screen has something to show (docs/special-category.md).
SPECIAL_REASON = (
    "Demo data about fictional people: church choir hobbies kept to show the "
    "special-category screen."
)


def demo_folder() -> Any:
    """The folder holding the demo region's CSV files."""
    return resource_dir("seeds") / "demo"


def week_shift(today: date, anchor: date = ANCHOR) -> timedelta:
    """Whole weeks from the anchor to today (never backwards), so weekdays stay weekdays."""
    weeks = max(0, (today - anchor).days // 7)
    return timedelta(weeks=weeks)


def _shifted(value: Any, shift: timedelta) -> Any:
    # Birthday is not a date: it is left alone on purpose.
    if isinstance(value, datetime | date):
        return value + shift
    return value


def _shifted_props(props: dict[str, Any], shift: timedelta) -> dict[str, Any]:
    return {k: _shifted(v, shift) for k, v in props.items()}


def shift_dates(bundle: Bundle, shift: timedelta) -> Bundle:
    """A copy of the bundle with every date and timestamp (not birthdays) moved by `shift`."""
    if not shift:
        return bundle
    tables: dict[str, list[dict[str, Any]]] = {}
    for name, rows in bundle.tables.items():
        tables[name] = [
            {
                key: _shifted_props(cast(dict[str, Any], value), shift)
                if isinstance(value, dict)
                else _shifted(value, shift)
                for key, value in row.items()
            }
            for row in rows
        ]
    return replace(bundle, tables=tables)


def load_demo(
    session: neo4j.Session, *, today: date | None = None, progress: bundles.Progress | None = None
) -> bundles.WriteCounts:
    """Validate and upsert the demo region; loading it twice in a week changes nothing."""
    bundle, columns, hits = service.load(session, demo_folder(), special_reason=SPECIAL_REASON)
    shift = week_shift(today or clock.today())
    bundle = shift_dates(bundle, shift)
    counts = bundles.write_bundle(
        session, bundle, columns, source="demo", progress=progress, history=False
    )
    service.mark(session, hits, reason=SPECIAL_REASON, by="demo")
    load_demo_transfers(session, shift)
    load_demo_history(session, today or clock.today())
    return counts


def load_demo_history(session: neo4j.Session, today: date) -> int:
    """The demo's change log (seeds/demo-history.csv: a champion lost, a stance weakened, a
    new DMU member, a new title, each some days before the load), so What changed has
    something to show; the ties already hold the changes' outcome. Returns how many entries
    were new: loading the demo again adds none (history.py: a first load writes no log)."""
    import csv  # noqa: PLC0415

    from kamgraph.repository import history  # noqa: PLC0415

    text = (resource_dir("seeds") / "demo-history.csv").read_text(encoding="utf-8")
    rows = [
        {
            "id": f"demo-change-{n}",
            "at": datetime.combine(
                today - timedelta(days=int(row["days_ago"])), time(9, n), tzinfo=UTC
            ),
            "by": row["by"],
            "type": row["type"],
            "kind": row["kind"],
            "from_id": row["from_id"],
            "to_id": row["to_id"],
            "fields": [row["field"]],
            "before": [row["before"]],
            "after": [row["after"]],
        }
        for n, row in enumerate(csv.DictReader(text.splitlines()), start=1)
    ]
    return history.keep_demo(session, rows)


def load_demo_transfers(session: neo4j.Session, shift: timedelta) -> int:
    """The demo's transfers of value (seeds/demo-transfers.csv), dates moved by `shift`;
    returns how many were new. Their findings are what the packaged rules say; their status
    is the file's (one waits for approval, so the queue is not empty on `make run`)."""
    import csv  # noqa: PLC0415

    from kamgraph import transfer_rules  # noqa: PLC0415
    from kamgraph.repository import transfers as transfers_repo  # noqa: PLC0415

    rules = transfer_rules.load(None)
    text = (resource_dir("seeds") / "demo-transfers.csv").read_text(encoding="utf-8")
    created = 0
    for row in csv.DictReader(text.splitlines()):
        day = date.fromisoformat(row["date"]) + shift
        amount = Decimal(row["amount"])
        facts = transfers_repo.facts(session, row["person_id"], day)
        if facts is None:
            continue  # a demo edited by hand; the transfer has no one to go to
        draft = transfer_rules.Draft(row["kind"], amount, row["currency"], day)
        findings = transfer_rules.check(rules, facts, draft)
        decided = row["decided_at"]
        decided_at = (
            datetime.combine(date.fromisoformat(decided) + shift, time(15), UTC)
            if decided
            else None
        )
        transfer = Transfer(
            id=row["id"],
            person_id=row["person_id"],
            kind=row["kind"],
            amount=amount,
            currency=row["currency"],
            date=day,
            given_by=row["given_by"],
            purpose=row["purpose"] or None,
            event_id=row["event_id"] or None,
            status=row["status"],
            findings=tuple(f.sentence for f in findings),
            recorded_by=row["given_by"],
            recorded_at=datetime.combine(day, time(18), UTC),
            decided_by=row["decided_by"] or None,
            decided_at=decided_at,
            decision_note=row["decision_note"] or None,
            source="demo",
        )
        created += transfers_repo.create(session, transfer)
    return created
