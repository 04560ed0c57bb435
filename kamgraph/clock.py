"""The app's one clock: what day it is, for every page, command, query and test.

Nothing else in kamgraph asks the system for the date. The day can be fixed:
- by a person, with KAMGRAPH_TODAY=2027-02-28 (demos, support: "what did Kira see then?");
- by a test, with `fixed(day)`.

A fixed day keeps the real time of day, so audit entries written on it stay in order.

>>> with fixed(date(2028, 2, 29)):
...     today()
datetime.date(2028, 2, 29)
"""

from __future__ import annotations

import os
from collections.abc import Generator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from kamgraph.errors import Invalid

ENV_VAR = "KAMGRAPH_TODAY"

_fixed_day: date | None = None  # set by fixed(); wins over the environment


def _day_from_env() -> date | None:
    raw = os.environ.get(ENV_VAR, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError as error:
        msg = f"{ENV_VAR}={raw!r} is not a day; write it as YYYY-MM-DD, e.g. 2027-02-28"
        raise Invalid(msg) from error


def _fixed() -> date | None:
    return _fixed_day if _fixed_day is not None else _day_from_env()


def today() -> date:
    """Today, as the app sees it: a fixed day if one is set, else the system's date."""
    return _fixed() or date.today()


def now() -> datetime:
    """The current time in UTC, to the second; on a fixed day, that day at this time.

    Without a fixed day this is simply the real UTC time (the local date may differ from
    UTC's around midnight, and moments are always UTC).
    """
    real = datetime.now(UTC).replace(microsecond=0)
    day = _fixed()
    return real if day is None else datetime.combine(day, real.timetz())


def check() -> None:
    """Raise Invalid now if KAMGRAPH_TODAY is set but is not a day (at start-up)."""
    _day_from_env()


@contextmanager
def fixed(day: date) -> Generator[date]:
    """Make `day` today for everything in this process until the block ends (tests)."""
    global _fixed_day  # noqa: PLW0603 -- the clock is process-wide by design, like the system's
    before = _fixed_day
    _fixed_day = day
    try:
        yield day
    finally:
        _fixed_day = before
