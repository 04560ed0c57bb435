"""The app's one clock: a fixed day for tests and demos, the real UTC time otherwise."""

import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest

from kamgraph import clock
from kamgraph.errors import Invalid


def test_a_fixed_day_keeps_the_time_of_day_in_utc() -> None:
    with clock.fixed(date(2028, 2, 29)):
        moment = clock.now()
    assert moment.date() == date(2028, 2, 29)
    assert moment.tzinfo is not None
    assert moment.utcoffset() == timedelta(0)


def test_without_a_fixed_day_now_is_the_real_utc_time_whatever_the_local_date() -> None:
    # On a server far east of UTC the local date is often tomorrow's; moments stay UTC.
    probe = "from kamgraph import clock; print(clock.now().isoformat())"
    env = {k: v for k, v in os.environ.items() if k != clock.ENV_VAR}
    env["TZ"] = "Pacific/Kiritimati"
    printed = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert abs(datetime.fromisoformat(printed) - datetime.now(UTC)) < timedelta(minutes=5)


def test_a_mistyped_kamgraph_today_is_one_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.ENV_VAR, "2027-02-30")
    with pytest.raises(Invalid, match=r"KAMGRAPH_TODAY='2027-02-30' is not a day"):
        clock.check()
