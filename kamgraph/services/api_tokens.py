"""Personal API tokens: issued on the account page, shown once, stored hashed, revocable.

A token acts as its user, for reading only or for reading and writing. As with calendar
feeds (services/feeds.py), only its SHA-256 is stored: a copy of the database hands out no
working token.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid

import neo4j

from kamgraph import clock
from kamgraph.errors import FieldInvalid
from kamgraph.i18n import N_
from kamgraph.repository import api_tokens
from kamgraph.repository.api_tokens import Holder, TokenRow

SCOPES = ("read", "write")
PREFIX = "kgt_"  # so a token found in a log or a repository is recognised as ours
NAME_LONGEST = 80


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def tokens(session: neo4j.Session, user_id: str) -> list[TokenRow]:
    """The user's live tokens (the account page's list)."""
    return api_tokens.of_user(session, user_id)


def issue(session: neo4j.Session, user_id: str, *, name: str, scope: str) -> str:
    """A new token for the user; the only time it is seen whole."""
    name = name.strip()
    if not name:
        raise FieldInvalid("name", N_("Name the token (what it is for), e.g. Veeva sync."))
    if len(name) > NAME_LONGEST:
        raise FieldInvalid("name", N_("At most %(most)s characters."), most=NAME_LONGEST)
    if scope not in SCOPES:
        raise FieldInvalid("scope", N_("Choose read or write."))
    token = PREFIX + secrets.token_urlsafe(32)
    api_tokens.create(
        session,
        user_id=user_id,
        token_id=f"tok-{uuid.uuid4().hex[:10]}",
        token_hash=_hash(token),
        name=name,
        scope=scope,
        created_at=clock.now(),
    )
    return token


def revoke(session: neo4j.Session, user_id: str, token_id: str) -> None:
    """Revoke one of the user's tokens; NotFound if she has no such live token."""
    api_tokens.revoke(session, user_id, token_id, clock.now())


def holder(session: neo4j.Session, token: str) -> Holder | None:
    """Whose live token this is, or None (unknown, revoked, or its user disabled)."""
    if not token.startswith(PREFIX) or len(token) > 100:
        return None
    found = api_tokens.holder(session, _hash(token))
    if found is not None and found.last_used_on != clock.today():  # one write a day
        api_tokens.note_used(session, found.token_id, clock.today())
    return found
