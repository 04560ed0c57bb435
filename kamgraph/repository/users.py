"""Users: our team members who sign in. Credentials never leave this module and accounts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import neo4j

from kamgraph.cypher import q
from kamgraph.models import User
from kamgraph.repository._tx import read_rows, write_rows


@dataclass(frozen=True)
class Credentials:
    """A user with their stored password hash (None: no password set yet)."""

    user: User
    password_hash: str | None


def _user(row: dict[str, Any]) -> User:
    return User(**row["user"])


def get(session: neo4j.Session, user_id: str) -> User | None:
    """The user with this id, or None (Flask-Login's user_loader contract)."""
    rows = read_rows(session, q("user/by_id"), id=user_id)
    return _user(rows[0]) if rows else None


def credentials(session: neo4j.Session, email: str) -> Credentials | None:
    """The user with this email (any case) and their password hash, or None."""
    rows = read_rows(session, q("user/credentials"), email=email)
    return Credentials(_user(rows[0]), rows[0]["password_hash"]) if rows else None


def save(
    session: neo4j.Session,
    *,
    user_id: str,
    email: str,
    name: str,
    role: str,
    password_hash: str | None,
    region: str | None = None,
    lang: str | None = None,
) -> User:
    """Create the user with this email, or update their name, role, and (if given)
    territory, language and password."""
    rows = write_rows(
        session,
        q("user/save"),
        id=user_id,
        email=email,
        name=name,
        role=role,
        password_hash=password_hash,
        region=region,
        lang=lang,
    )
    return _user(rows[0])


def set_preferences(
    session: neo4j.Session, user_id: str, *, lang: str | None, calendar: str
) -> User:
    """Store the user's language (None: the browser's) and calendar; NotFound if no user."""
    rows = write_rows(
        session,
        q("user/set_preferences"),
        changes_graph=False,
        id=user_id,
        lang=lang,
        calendar=calendar,
        missing=f"no user with id {user_id!r}",
    )
    return _user(rows[0])


def set_active(session: neo4j.Session, email: str, *, active: bool) -> User:
    """Allow or refuse sign-in; NotFound if there is no such user."""
    rows = write_rows(
        session,
        q("user/set_active"),
        email=email,
        active=active,
        missing=f"no user with email {email!r}",
    )
    return _user(rows[0])


def set_password_hash(
    session: neo4j.Session, email: str, password_hash: str, *, end_sessions: bool = True
) -> User:
    """Store a new password hash (ending the user's sessions); NotFound if no such user."""
    rows = write_rows(
        session,
        q("user/set_password"),
        changes_graph=False,
        email=email,
        password_hash=password_hash,
        end_sessions=end_sessions,
        missing=f"no user with email {email!r}",
    )
    return _user(rows[0])


def upgrade_password_hash(
    session: neo4j.Session, email: str, *, old_hash: str, new_hash: str
) -> None:
    """Store a stronger hash of the same password, unless the password changed meanwhile."""
    write_rows(
        session,
        q("user/upgrade_hash"),
        changes_graph=False,
        email=email,
        old_hash=old_hash,
        new_hash=new_hash,
    )


def end_sessions(session: neo4j.Session, user_id: str) -> User:
    """End every session and remember-me cookie of the user; NotFound if no such user."""
    rows = write_rows(
        session,
        q("user/end_sessions"),
        changes_graph=False,
        id=user_id,
        missing=f"no user with id {user_id!r}",
    )
    return _user(rows[0])


def without_password(session: neo4j.Session) -> list[User]:
    """Active users who cannot sign in yet because they have no password."""
    return [_user(row) for row in read_rows(session, q("user/without_password"))]
