"""The demo region: seeds/demo/ loaded through the import path, with its dates kept current."""

from __future__ import annotations

from calendar import isleap
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any, cast

import neo4j

from kamgraph.bundle import service
from kamgraph.bundle.validate import Bundle
from kamgraph.models import Birthday
from kamgraph.repository import bundles
from kamgraph.resources import resource_dir

# The day the demo's dates were written for. Loading shifts every date, and the day of
# every birthday, forward by whole weeks to the current week, so that the demo's "this
# week" (meetings, overdue follow-ups, upcoming birthdays) is always this week.
ANCHOR = date(2026, 11, 23)


def demo_folder() -> Any:
    """The folder holding the demo region's CSV files."""
    return resource_dir("seeds") / "demo"


def week_shift(today: date, anchor: date = ANCHOR) -> timedelta:
    """Whole weeks from the anchor to today (never backwards), so weekdays stay weekdays."""
    weeks = max(0, (today - anchor).days // 7)
    return timedelta(weeks=weeks)


def _shifted(value: Any, shift: timedelta) -> Any:
    if isinstance(value, datetime | date):
        return value + shift
    if isinstance(value, Birthday):
        # The demo's upcoming birthdays must stay upcoming: move the day, keep the year.
        # 2000 is a leap year, so 29 February has a day to move from.
        moved = date(2000, value.month, value.day) + shift
        if (moved.month, moved.day) == (2, 29) and value.year and not isleap(value.year):
            moved += timedelta(days=1)  # no 29 February in that year: 1 March
        return Birthday(moved.month, moved.day, value.year)
    return value


def _shifted_props(props: dict[str, Any], shift: timedelta) -> dict[str, Any]:
    return {k: _shifted(v, shift) for k, v in props.items()}


def shift_dates(bundle: Bundle, shift: timedelta) -> Bundle:
    """A copy of the bundle with every date, timestamp and birthday moved by `shift`."""
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
    bundle, columns = service.load(session, demo_folder())
    bundle = shift_dates(bundle, week_shift(today or date.today()))
    return bundles.write_bundle(session, bundle, columns, source="demo", progress=progress)
