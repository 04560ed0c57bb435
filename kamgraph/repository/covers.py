"""Covers (our team's relationships with people): confirming them, and reopening them."""

from __future__ import annotations

import neo4j

from kamgraph import clock
from kamgraph.cypher import q
from kamgraph.repository._tx import write_rows


def confirm(session: neo4j.Session, user_id: str, person_id: str, *, by: str) -> None:
    """Mark `user_id`'s current cover of `person_id` confirmed by `by`; NotFound if none."""
    write_rows(
        session,
        q("cover/confirm"),
        changes_graph=False,
        user_id=user_id,
        person_id=person_id,
        by=by,
        at=clock.now(),
        missing=f"{user_id} does not cover {person_id} now",
    )


def reopen(session: neo4j.Session, user_id: str, person_id: str) -> None:
    """Before a KAM's own save makes an ended cover current: hers again, unconfirmed."""
    write_rows(
        session, q("cover/reopen"), changes_graph=False, user_id=user_id, person_id=person_id
    )
