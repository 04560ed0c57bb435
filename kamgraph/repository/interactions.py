"""Interactions logged by the team: create (idempotent on id) and mark a next step done."""

from __future__ import annotations

import neo4j

from kamgraph import clock
from kamgraph.bundle.spec import INTERACTIONS
from kamgraph.cypher import q
from kamgraph.errors import NotFound
from kamgraph.models import Interaction
from kamgraph.repository._props import store_value
from kamgraph.repository._tx import write_rows

_FIELDS = tuple(
    c.name for c in INTERACTIONS.columns if c.name not in ("user_id", "participant_ids")
)


def create(session: neo4j.Session, interaction: Interaction) -> Interaction:
    """Store a new interaction with its author and participants; the same id again is a no-op."""
    row = {name: store_value(getattr(interaction, name)) for name in _FIELDS}
    row = {k: v for k, v in row.items() if v is not None}
    rows = write_rows(
        session, q("interaction/create"), row=row, user_id=interaction.user_id,
        participant_ids=list(interaction.participant_ids), recorded_at=clock.now(),
    )  # fmt: skip
    if not rows:
        msg = "unknown user or participant: nothing was saved"
        raise NotFound(msg)
    return interaction


def mark_done(session: neo4j.Session, interaction_id: str) -> bool:
    """Mark the next step done; False if there is no such interaction."""
    return bool(write_rows(session, q("interaction/mark_done"), id=interaction_id))
