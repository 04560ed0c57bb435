"""An organization's page: hierarchy, people by department, tenders issued, our coverage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby

import neo4j

from kamgraph.cypher import q
from kamgraph.models import Organization
from kamgraph.repository import records
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import read_rows


@dataclass(frozen=True)
class OrgRef(Row):
    """Another organization, named and linked: a parent or a part."""

    id: str
    name: str
    kind: str | None


@dataclass(frozen=True)
class Worker(Row):
    """A person working at the organization now (or in one of its parts, `department`)."""

    id: str
    name: str
    title: str | None
    department: str | None
    influence: float | None
    covered: bool  # someone on our team covers them now


@dataclass(frozen=True)
class IssuedTender(Row):
    """A tender the organization issued."""

    id: str
    title: str
    status: str | None
    submission_deadline: date | None


@dataclass(frozen=True)
class OrgPage:
    """What the organization page shows."""

    org: Organization
    parents: list[OrgRef]  # top first
    parts: list[OrgRef]
    people: list[Worker]
    tenders: list[IssuedTender]

    @property
    def departments(self) -> list[tuple[str, list[Worker]]]:
        """People grouped by department ('' for none), most influential first in each."""
        return [(dept, list(group)) for dept, group in groupby(self.people, key=_department)]

    @property
    def covered_share(self) -> float:
        """Share of the people working here whom someone on our team covers."""
        return sum(p.covered for p in self.people) / len(self.people) if self.people else 0.0


def _department(person: Worker) -> str:
    return person.department or ""


def page(session: neo4j.Session, org_id: str) -> OrgPage | None:
    """The organization page's data, or None."""
    org = records.get(session, Organization, org_id)
    if org is None:
        return None
    row = read_rows(session, q("org/page"), id=org_id)[0]
    return OrgPage(
        org,
        OrgRef.from_maps(row["parents"]),
        OrgRef.from_maps(row["parts"]),
        Worker.from_maps(row["people"]),
        IssuedTender.from_maps(row["tenders"]),
    )
