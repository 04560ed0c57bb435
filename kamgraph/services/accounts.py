"""Sign-in accounts: argon2id password hashes, adding and disabling users, demo sign-ins."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path

import neo4j
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kamgraph.errors import Invalid
from kamgraph.models import CALENDARS, LOCALES, USER_ROLES, User
from kamgraph.repository import audit
from kamgraph.repository import users as users_repo
from kamgraph.secrets_store import write_private

MIN_PASSWORD_LENGTH = 10
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# argon2-cffi's defaults are argon2id with RFC 9106's low-memory profile.
_hasher = PasswordHasher()
# Verified against when the email is unknown, so a wrong email costs as long as a wrong
# password and response times do not reveal who has an account.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


def hash_password(password: str) -> str:
    """An argon2id hash of a password long enough to be one."""
    if len(password) < MIN_PASSWORD_LENGTH:
        msg = f"password too short: use at least {MIN_PASSWORD_LENGTH} characters"
        raise Invalid(msg)
    return _hasher.hash(password)


def authenticate(session: neo4j.Session, email: str, password: str) -> User | None:
    """The active user with this email and password, else None (never says which was wrong)."""
    found = users_repo.credentials(session, email.strip())
    stored = found.password_hash if found is not None else None
    try:
        _hasher.verify(stored or _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if found is None or stored is None or not found.user.active:
        return None
    if _hasher.check_needs_rehash(stored):
        users_repo.upgrade_password_hash(
            session, found.user.email, old_hash=stored, new_hash=_hasher.hash(password)
        )
    return found.user


def sign_in(session: neo4j.Session, email: str, password: str, *, path: str) -> User | None:
    """:func:`authenticate`, with the attempt in the audit trail, failed or not.

    A failure is recorded against the email typed (there may be no such user), so that an
    attack on an account shows in its trail.
    """
    user = authenticate(session, email, password)
    if user is None:
        audit.record(
            session,
            user_id="anonymous",
            action="sign-in failed",
            target_id=email.strip().lower()[:320],
            path=path,
        )
    else:
        audit.record(session, user_id=user.id, action="sign-in", target_id=user.id, path=path)
    return user


def add_user(
    session: neo4j.Session,
    email: str,
    *,
    role: str,
    name: str | None,
    password: str | None,
    region: str | None = None,
    lang: str | None = None,
) -> User:
    """Create a user (or change an existing one's role and name), with a password, a
    territory (`region`: what a KAM reads, services/scope.py) and a language if given."""
    email = email.strip()
    if not _EMAIL.fullmatch(email):
        raise Invalid(f"{email!r} is not an email address")
    if role not in USER_ROLES:
        raise Invalid(f"role {role!r}: use one of {', '.join(USER_ROLES)}")
    if lang is not None and lang not in LOCALES:
        raise Invalid(f"language {lang!r}: use one of {', '.join(LOCALES)}")
    local = email.split("@", 1)[0]
    display = name or local.replace(".", " ").replace("_", " ").title()
    user_id = "u-" + re.sub(r"[^a-z0-9]+", "-", email.lower()).strip("-")
    password_hash = hash_password(password) if password is not None else None
    return users_repo.save(
        session,
        user_id=user_id,
        email=email,
        name=display,
        role=role,
        password_hash=password_hash,
        region=(region or "").strip() or None,
        lang=lang,
    )


def set_preferences(
    session: neo4j.Session, user_id: str, *, lang: str | None, calendar: str
) -> User:
    """Store how a user reads the app: a language of LOCALES (None: the browser's), and a
    calendar of CALENDARS."""
    if lang is not None and lang not in LOCALES:
        raise Invalid(f"language {lang!r}: use one of {', '.join(LOCALES)}")
    if calendar not in CALENDARS:
        raise Invalid(f"calendar {calendar!r}: use one of {', '.join(CALENDARS)}")
    return users_repo.set_preferences(session, user_id, lang=lang, calendar=calendar)


def end_sessions(session: neo4j.Session, user_id: str) -> None:
    """Sign a user out everywhere: every session and remember-me cookie they hold ends."""
    users_repo.end_sessions(session, user_id)


def set_active(session: neo4j.Session, email: str, *, active: bool) -> User:
    """Allow or refuse a user's sign-in."""
    return users_repo.set_active(session, email.strip(), active=active)


def set_password(session: neo4j.Session, email: str, password: str) -> User:
    """Give a user a new password."""
    return users_repo.set_password_hash(session, email.strip(), hash_password(password))


@dataclass(frozen=True)
class SignIn:
    """A demo sign-in to print: who, which role, which password."""

    email: str
    role: str
    password: str


def demo_sign_ins(session: neo4j.Session, store: Path) -> list[SignIn]:
    """Give every password-less demo user a generated password; return all demo sign-ins.

    The generated passwords are kept in `store` (owner-only, under KAMGRAPH_HOME, never in
    the repository) so that later runs print the same sign-ins.
    """
    known = _read_sign_ins(store)
    for user in users_repo.without_password(session):
        password = secrets.token_urlsafe(12)
        users_repo.set_password_hash(session, user.email, _hasher.hash(password))
        known[user.email] = SignIn(user.email, user.role, password)
    write_private(store, "".join(f"{s.email}\t{s.role}\t{s.password}\n" for s in known.values()))
    return sorted(known.values(), key=lambda s: (USER_ROLES.index(s.role), s.email))


def _read_sign_ins(store: Path) -> dict[str, SignIn]:
    try:
        lines = store.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return {}
    return {s.email: s for s in (SignIn(*line.split("\t")) for line in lines if line)}
