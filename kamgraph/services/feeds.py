"""Personal iCalendar feeds: a secret, revocable URL per user that calendar apps poll.

Calendar apps cannot sign in, so the URL's token is the credential. Only its SHA-256 is
stored: a copy of the database does not hand out working feed URLs.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import neo4j

from kamgraph import clock
from kamgraph.bundle import calendar
from kamgraph.repository import audit, feeds, person_plans
from kamgraph.repository import proposals as proposals_repo

FEED_STEPS = 500  # the open steps of my relationship plans a feed holds, soonest first


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def has_feed(session: neo4j.Session, user_id: str) -> bool:
    """Whether the user's feed is on (the settings page's one read)."""
    return feeds.has_token(session, user_id)


def new_token(session: neo4j.Session, user_id: str) -> str:
    """Issue a new feed token for the user (the previous URL stops working)."""
    token = secrets.token_urlsafe(32)
    feeds.set_token_hash(session, user_id, _hash(token))
    return token


def revoke(session: neo4j.Session, user_id: str) -> None:
    """Stop the user's feed."""
    feeds.set_token_hash(session, user_id, None)


def feed(session: neo4j.Session, token: str) -> bytes | None:
    """The .ics of the user this token belongs to, or None for an unknown token."""
    if len(token) > 100:
        return None
    user_id = feeds.user_for_token(session, _hash(token))
    if user_id is None:
        return None
    audit.record(
        session,
        user_id=user_id,
        action="calendar feed",
        target_id=user_id,
        path="/calendar/<token>.ics",
    )
    rows = feeds.feed_rows(session, user_id)
    names = {p["id"]: f"{p['given_name']} {p['family_name']}" for p in rows.people}
    return calendar.calendar(
        rows.people,
        rows.interactions,
        rows.tenders,
        names=names,
        title="kamgraph: my week",
        plan_steps=rows.steps,
        user_id=user_id,
        commitments=[*_relationship_steps(session, user_id), *_proposal_steps(session, user_id)],
    )


# How a proposal's follow-up step reads in a calendar (the feed is in English, as its other
# events are).
_STEP_SUMMARY = {
    "call": "Call about the proposal: {title}",
    "next_steps": "Agree the next steps: {title}",
    "decision": "Decision due: {title}",
}
FEED_DAYS = 365


def _relationship_steps(session: neo4j.Session, user_id: str) -> list[calendar.Commitment]:
    """The open steps of the user's relationship plans, for the feed."""
    due = person_plans.due_steps(session, user_id, limit=FEED_STEPS)
    return [
        (
            f"kamgraph-person-plan-{s.id}",
            f"Plan: {s.what} ({s.person})",
            s.due_date,
            "relationship plan",
        )
        for s in due
    ]


def _proposal_steps(session: neo4j.Session, user_id: str) -> list[calendar.Commitment]:
    """The open follow-up steps of the user's open proposals, for the feed."""
    today = clock.today()
    due = proposals_repo.my_steps(session, user_id, today, today + timedelta(days=FEED_DAYS))
    return [
        (
            f"kamgraph-proposal-{s.id}",
            _STEP_SUMMARY[s.kind].format(title=s.title),
            s.due,
            "proposal",
        )
        for s in due
    ]
