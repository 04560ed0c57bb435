"""A person's dossier and ego network: everything the dossier page shows, in one read each."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import neo4j

from kamgraph.cypher import q
from kamgraph.models import Person
from kamgraph.repository import people
from kamgraph.repository._props import plain
from kamgraph.repository._rows import Row
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
class Job(Row):
    """A role at an organization, current or past."""

    org_id: str
    org: str
    title: str | None
    department: str | None
    current: bool
    since: date | None
    until: date | None
    country: str | None  # the organization's, or its parent's (ISO 3166 alpha-2)


@dataclass(frozen=True)
class Membership(Row):
    """A seat on a committee or board."""

    org_id: str
    org: str
    role: str | None


@dataclass(frozen=True)
class PersonRef(Row):
    """Another person, named and linked."""

    id: str
    name: str


@dataclass(frozen=True)
class Cover(Row):
    """A team member's cover of the person; `confirmed` when it opens the sensitive fields."""

    user_id: str
    user: str
    stage: str | None
    since: date | None
    until: date | None
    confirmed: bool


@dataclass(frozen=True)
class Interaction(Row):
    """A meeting, call or message with the person, with the others who took part."""

    id: str
    date: date
    kind: str | None
    notes: str | None
    commitments: str | None
    next_step: str | None
    due_date: date | None
    done: bool
    user: str | None
    others: list[PersonRef]
    special_category: SpecialCategory | None = field(
        default=None, metadata={"read": SpecialCategory.from_json}
    )


@dataclass(frozen=True)
class TenderRole(Row):
    """The person's part in a tender's decision-making unit."""

    tender_id: str
    title: str
    status: str | None
    submission_deadline: date | None
    role: str | None
    stance: str | None
    evidence: str | None


@dataclass(frozen=True)
class Influence(Row):
    """An INFLUENCES tie to or from the person; `id` and `name` are the other end."""

    id: str
    name: str
    weight: float | None
    topic: str | None
    evidence: str | None


@dataclass(frozen=True)
class Acquaintance(Row):
    """A KNOWS tie; `id` and `name` are the other end."""

    id: str
    name: str
    kind: str | None
    strength: float | None
    until: date | None


@dataclass(frozen=True)
class Dossier:
    """One person and their context, as the dossier query reads it."""

    person: Person
    scores: Scores
    jobs: list[Job]
    memberships: list[Membership]
    reports_to: list[PersonRef]
    reports: list[PersonRef]
    covers: list[Cover]
    interactions: list[Interaction]
    tender_roles: list[TenderRole]
    moved_by: list[Influence]
    moves: list[Influence]
    knows: list[Acquaintance]
    # Special-category data recorded with a reason (kamgraph.screening.record); shown with
    # the sensitive fields, to those who may see them.
    special_category: SpecialCategory | None = None

    @property
    def covered_by(self) -> set[str]:
        """Ids of the team members whose current, confirmed cover opens sensitive fields.

        A cover a KAM recorded for herself counts once a lead or an admin confirms it
        (or if she recorded the person herself), so no one grants herself access.
        """
        return {c.user_id for c in self.covers if c.until is None and c.confirmed}

    def last_contact(self, today: date) -> Interaction | None:
        """The latest interaction that has taken place (a planned meeting is not contact)."""
        return next((i for i in self.interactions if i.date <= today), None)

    def next_meeting(self, today: date) -> Interaction | None:
        """The soonest interaction planned after today."""
        planned = [i for i in self.interactions if i.date > today]
        return min(planned, key=lambda i: i.date) if planned else None

    def current_cover(self, user_id: str) -> Cover | None:
        """This team member's current cover of the person, if any."""
        return next((c for c in self.covers if c.user_id == user_id and not c.until), None)

    @property
    def open_commitments(self) -> list[Interaction]:
        """Interactions whose next step is not done yet, oldest due first."""
        open_items = [i for i in self.interactions if not i.done and i.next_step]
        return sorted(open_items, key=lambda i: str(i.due_date or "9999"))


def get(session: neo4j.Session, person_id: str) -> Dossier | None:
    """The dossier of this person, or None."""
    rows = read_rows(session, q("person/dossier"), id=person_id)
    if not rows:
        return None
    row = rows[0]
    props = plain(row["props"])
    scores = Scores(
        influence=props.get("influence"),
        rank=props.get("influence_rank"),
        broker=props.get("broker"),
        group=props.get("group"),
        group_label=props.get("group_label"),
        at=props.get("scores_at"),
    )
    return Dossier(
        person=people.from_props(props),
        scores=scores,
        jobs=Job.from_maps(row["jobs"]),
        memberships=Membership.from_maps(row["memberships"]),
        reports_to=PersonRef.from_maps(row["reports_to"]),
        reports=PersonRef.from_maps(row["reports"]),
        covers=Cover.from_maps(row["covers"]),
        interactions=Interaction.from_maps(row["interactions"]),
        tender_roles=TenderRole.from_maps(row["tender_roles"]),
        moved_by=Influence.from_maps(row["moved_by"]),
        moves=Influence.from_maps(row["moves"]),
        knows=Acquaintance.from_maps(row["knows"]),
        special_category=SpecialCategory.from_json(props.get(PROP)),
    )


@dataclass(frozen=True)
class EgoNode(Row):
    """A person in the ego network; `centre` is the person it is drawn around."""

    id: str
    name: str
    influence: float | None
    centre: bool
    covered: bool  # someone on our team covers them now


@dataclass(frozen=True)
class EgoEdge(Row):
    """A KNOWS, INFLUENCES or REPORTS_TO tie between two people of the ego network."""

    source: str
    target: str
    type: str
    kind: str | None
    weight: float | None


@dataclass(frozen=True)
class EgoNetwork(Row):
    """The graph view around a person: Cytoscape's nodes and edges (web/static/graph.js)."""

    nodes: list[EgoNode]
    edges: list[EgoEdge]


def ego_network(session: neo4j.Session, person_id: str) -> EgoNetwork | None:
    """Nodes and edges around a person for the graph view, or None."""
    rows = read_rows(session, q("person/ego"), id=person_id, limit=EGO_LIMIT)
    return EgoNetwork.from_map(rows[0]) if rows else None
