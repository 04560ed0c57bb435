"""A person's dossier and ego network: everything the dossier page shows, in one read each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import neo4j

from kamgraph.cypher import q
from kamgraph.models import Person
from kamgraph.repository import people
from kamgraph.repository._props import plain
from kamgraph.repository._tx import read_rows
from kamgraph.screening.record import PROP, SpecialCategory

EGO_LIMIT = 40


@dataclass(frozen=True)
class Scores:
    """The batch scores `analyze refresh` stored on the person."""

    influence: float | None
    rank: int | None
    broker: float | None
    group: int | None
    group_label: str | None
    at: datetime | None


@dataclass(frozen=True)
class Dossier:
    """One person and their context; list items are the query's plain maps."""

    person: Person
    scores: Scores
    jobs: list[dict[str, Any]]
    memberships: list[dict[str, Any]]
    reports_to: list[dict[str, Any]]
    reports: list[dict[str, Any]]
    covers: list[dict[str, Any]]
    interactions: list[dict[str, Any]]
    tender_roles: list[dict[str, Any]]
    moved_by: list[dict[str, Any]]
    moves: list[dict[str, Any]]
    knows: list[dict[str, Any]]
    # Special-category data recorded with a reason (kamgraph.screening.record); shown with
    # the sensitive fields, to those who may see them.
    special_category: SpecialCategory | None = None

    @property
    def covered_by(self) -> set[str]:
        """Ids of the team members whose current, confirmed cover opens sensitive fields.

        A cover a KAM recorded for herself counts once a lead or an admin confirms it
        (or if she recorded the person herself), so no one grants herself access.
        """
        return {c["user_id"] for c in self.covers if c["until"] is None and c["confirmed"]}

    def last_contact(self, today: date) -> dict[str, Any] | None:
        """The latest interaction that has taken place (a planned meeting is not contact)."""
        return next((i for i in self.interactions if i["date"] <= today), None)

    def next_meeting(self, today: date) -> dict[str, Any] | None:
        """The soonest interaction planned after today."""
        planned = [i for i in self.interactions if i["date"] > today]
        return min(planned, key=lambda i: i["date"]) if planned else None

    def current_cover(self, user_id: str) -> dict[str, Any] | None:
        """This team member's current cover of the person, if any."""
        return next((c for c in self.covers if c["user_id"] == user_id and not c["until"]), None)

    @property
    def open_commitments(self) -> list[dict[str, Any]]:
        """Interactions whose next step is not done yet, oldest due first."""
        open_items = [i for i in self.interactions if not i["done"] and i["next_step"]]
        return sorted(open_items, key=lambda i: str(i["due_date"] or "9999"))


def get(session: neo4j.Session, person_id: str) -> Dossier | None:
    """The dossier of this person, or None."""
    rows = read_rows(session, q("person/dossier"), id=person_id)
    if not rows:
        return None
    row = plain(rows[0])
    props = row.pop("props")
    scores = Scores(
        influence=props.get("influence"),
        rank=props.get("influence_rank"),
        broker=props.get("broker"),
        group=props.get("group"),
        group_label=props.get("group_label"),
        at=props.get("scores_at"),
    )
    for interaction in row["interactions"]:
        interaction["special_category"] = SpecialCategory.from_json(
            interaction.get("special_category")
        )
    special = SpecialCategory.from_json(props.get(PROP))
    return Dossier(person=people.from_props(props), scores=scores, special_category=special, **row)


def ego_network(session: neo4j.Session, person_id: str) -> dict[str, Any] | None:
    """Nodes and edges around a person for the graph view, or None."""
    rows = read_rows(session, q("person/ego"), id=person_id, limit=EGO_LIMIT)
    return plain(rows[0]) if rows else None
