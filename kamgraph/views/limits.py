"""Sign-in throttling (Flask-Limiter): failed attempts per account, per address, per device.

Only failed sign-ins count. The limits follow OWASP's "device cookie" pattern so that one
attacker cannot lock a team out:
- a browser that has signed in to an account before carries a signed device cookie for it;
  its failures count against that device only, so it is never refused because of failures
  elsewhere, whether on the same office address or against the same account;
- any other attempt counts against the account (10 failures in 15 minutes) and against the
  address (30 failures a minute, which stops guessing across many accounts).
"""

from __future__ import annotations

import time
from typing import ClassVar

from flask import current_app, request
from flask.wrappers import Response
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from itsdangerous import BadSignature, URLSafeSerializer
from limits.storage import Storage

from kamgraph import web_db
from kamgraph.repository import throttle

# Where the counters live comes from the app's RATELIMIT_STORAGE_URI: memory:// (the
# default) for one process; kamgraph-neo4j:// (SharedCounters below) when several
# processes serve the app and must count the same failures.
limiter = Limiter(key_func=get_remote_address, default_limits=[])


class SharedCounters(Storage):
    """Flask-Limiter's counters in the app's own Neo4j: ``kamgraph-neo4j://``.

    Every process that serves the app (several waitress or gunicorn processes behind a
    balancer) then counts the same failed sign-ins, with nothing more to run: the
    counters are ``:Throttle`` nodes, one per account, address or device, in fixed
    windows. Only failures write; each sign-in attempt reads.
    """

    STORAGE_SCHEME: ClassVar[list[str] | None] = ["kamgraph-neo4j"]  # pyright: ignore[reportIncompatibleVariableOverride]

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return throttle.FAILURES

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        return throttle.incr(
            web_db.get_session(), key, expiry=expiry, amount=amount, now=time.time()
        )

    def get(self, key: str) -> int:
        found = throttle.get(web_db.get_session(), key, now=time.time())
        return found[0] if found else 0

    def get_expiry(self, key: str) -> float:
        found = throttle.get(web_db.get_session(), key, now=time.time())
        return found[1] if found else time.time()

    def check(self) -> bool:
        try:
            throttle.get(web_db.get_session(), "health", now=time.time())
        except (*throttle.FAILURES, RuntimeError):
            return False
        return True

    def reset(self) -> int | None:
        return throttle.clear(web_db.get_session(), None)

    def clear(self, key: str) -> None:
        throttle.clear(web_db.get_session(), key)


DEVICE_COOKIE = "kamgraph_device"
DEVICE_DAYS = 365
PER_ACCOUNT = "10 per 15 minutes"
PER_ADDRESS = "30 per minute"
PER_DEVICE = "10 per 15 minutes"
ACCOUNT_MESSAGE = "Too many failed sign-ins for this account. Try again in 15 minutes."
ADDRESS_MESSAGE = "Too many failed sign-ins from your network. Try again in a minute."
DEVICE_MESSAGE = "Too many failed sign-ins on this device. Try again in 15 minutes."


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(str(current_app.secret_key), salt="kamgraph-device")


def _email() -> str:
    return (request.form.get("email") or "").strip().lower()


def device_cookie_for(email: str, device: str) -> str:
    """The signed cookie value that marks this browser as a known device of `email`."""
    return _serializer().dumps({"email": email.strip().lower(), "device": device})


def _device() -> str | None:
    """This browser's device id, if it has signed in to the account being tried before."""
    raw = request.cookies.get(DEVICE_COOKIE)
    if not raw:
        return None
    try:
        found = _serializer().loads(raw)
    except BadSignature:
        return None
    if not isinstance(found, dict) or found.get("email") != _email():  # pyright: ignore[reportUnknownMemberType]
        return None
    device = found.get("device")  # pyright: ignore[reportUnknownMemberType, reportUnknownVariableType]
    return device if isinstance(device, str) else None


def failed(response: Response) -> bool:
    """Only failed sign-ins count against a limit."""
    return response.status_code == 401


def known_device() -> bool:
    """True when the attempt comes from a known device of the account being tried."""
    return _device() is not None


def unknown_device() -> bool:
    """True when the attempt comes from anywhere else."""
    return _device() is None


def account_key() -> str:
    """The counter of failed sign-ins to one account from unknown devices."""
    return f"account:{_email()}"


def device_key() -> str:
    """The counter of failed sign-ins on one known device."""
    return f"device:{_device()}"
