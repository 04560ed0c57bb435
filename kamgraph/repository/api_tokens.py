"""Personal API tokens: only their SHA-256 is stored, on a node beside the user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import neo4j

from kamgraph.cypher import q
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import read_rows, write_rows


@dataclass(frozen=True)
class TokenRow(Row):
    """A live token as its owner's account page lists it (never its hash)."""

    id: str
    name: str
    scope: str
    created_at: datetime
    last_used_on: date | None = None


@dataclass(frozen=True)
class Holder(Row):
    """Whose a token is, and what it may do."""

    user_id: str
    token_id: str
    scope: str
    last_used_on: date | None = None


def create(
    session: neo4j.Session,
    *,
    user_id: str,
    token_id: str,
    token_hash: str,
    name: str,
    scope: str,
    created_at: datetime,
) -> None:
    """Store a new token's hash for the user."""
    write_rows(
        session,
        q("api_token/create"),
        changes_graph=False,
        user_id=user_id,
        id=token_id,
        token_hash=token_hash,
        name=name,
        scope=scope,
        created_at=created_at,
    )


def of_user(session: neo4j.Session, user_id: str) -> list[TokenRow]:
    """The user's live tokens, newest first."""
    rows = read_rows(session, q("api_token/of_user"), user_id=user_id)
    return TokenRow.from_maps(r["token"] for r in rows)


def revoke(session: neo4j.Session, user_id: str, token_id: str, at: datetime) -> None:
    """Revoke the user's token; NotFound (nothing written, nothing audited) if she has no
    such live token."""
    write_rows(
        session,
        q("api_token/revoke"),
        changes_graph=False,
        missing="no such token of yours",
        user_id=user_id,
        id=token_id,
        revoked_at=at,
    )


def holder(session: neo4j.Session, token_hash: str) -> Holder | None:
    """The active user holding the live token with this hash, or None."""
    rows = read_rows(session, q("api_token/holder"), token_hash=token_hash)
    return Holder.from_map(rows[0]) if rows else None


def note_used(session: neo4j.Session, token_id: str, today: date) -> None:
    """Note the day the token was last used (one write a day at most)."""
    write_rows(session, q("api_token/used"), changes_graph=False, id=token_id, today=today)
