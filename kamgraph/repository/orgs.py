"""An organization's page: hierarchy, people by department, tenders issued, our coverage."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Any

import neo4j

from kamgraph.cypher import q
from kamgraph.models import Organization
from kamgraph.repository import records
from kamgraph.repository._props import plain
from kamgraph.repository._tx import read_rows


@dataclass(frozen=True)
class OrgPage:
    """What the organization page shows."""

    org: Organization
    parents: list[dict[str, Any]]  # top first
    parts: list[dict[str, Any]]
    people: list[dict[str, Any]]
    tenders: list[dict[str, Any]]

    @property
    def departments(self) -> list[tuple[str, list[dict[str, Any]]]]:
        """People grouped by department ('' for none), most influential first in each."""
        return [(dept, list(group)) for dept, group in groupby(self.people, key=_department)]

    @property
    def covered_share(self) -> float:
        """Share of the people working here whom someone on our team covers."""
        return sum(p["covered"] for p in self.people) / len(self.people) if self.people else 0.0


def _department(person: dict[str, Any]) -> str:
    return str(person["department"] or "")


def page(session: neo4j.Session, org_id: str) -> OrgPage | None:
    """The organization page's data, or None."""
    org = records.get(session, Organization, org_id)
    if org is None:
        return None
    row = plain(read_rows(session, q("org/page"), id=org_id)[0])
    return OrgPage(org, row["parents"], row["parts"], row["people"], row["tenders"])
