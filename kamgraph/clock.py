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


def today() -> date:
    """Today, as the app sees it: a fixed day if one is set, else the system's date."""
    if _fixed_day is not None:
        return _fixed_day
    return _day_from_env() or date.today()


def now() -> datetime:
    """The current time in UTC, to the second, on the app's day."""
    real = datetime.now(UTC).replace(microsecond=0)
    day = today()
    if day == real.date():
        return real
    return datetime.combine(day, real.timetz())


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
