"""The organization page's data in one call (views/orgs.py renders it)."""

from __future__ import annotations

from dataclasses import dataclass, field

import neo4j

from kamgraph import clock
from kamgraph.analytics.concentration import AccountShare
from kamgraph.errors import Invalid
from kamgraph.repository import events as events_repo
from kamgraph.repository import orgs as orgs_repo
from kamgraph.repository.proposals import Line as ProposalLine
from kamgraph.services import projection, proposals
from kamgraph.services import scope as scopes
from kamgraph.services.concentration import ConcentrationReport, concentration_report
from kamgraph.services.coverage import CoverageReport, coverage_report


@dataclass(frozen=True)
class OrgView:
    """Everything the organization page shows, for one reader."""

    page: orgs_repo.OrgPage  # hierarchy, people by department, tenders issued
    account: AccountShare | None  # its key-account figures, if it is an account
    coverage: CoverageReport | None  # our coverage of its people (None: nobody to cover)
    concentration: ConcentrationReport  # the accounts' shares of our sales
    proposals: list[ProposalLine]  # proposals made to it
    # The latest events its people took part in.
    events: list[OrgEvent] = field(default_factory=list["OrgEvent"])


@dataclass(frozen=True)
class OrgEvent:
    """An event the organization's people took part in: those of them the reader may read,
    and how many others (counted, not named)."""

    event: events_repo.OrgEvent
    people: list[events_repo.Present]
    hidden: int

    @property
    def id(self) -> str:
        """The event's id."""
        return self.event.id


def org_events(session: neo4j.Session, scope: scopes.Scope, org_id: str) -> list[OrgEvent]:
    """The latest events the organization's people attended or spoke at, each naming only
    the people `scope` reads."""
    found = events_repo.of_org(session, org_id)
    allowed = scopes.readable(session, scope, "person", (p.id for e in found for p in e.people))
    shown: list[OrgEvent] = []
    for e in found:
        kept = [p for p in e.people if p.id in allowed]
        shown.append(OrgEvent(e, kept, len(e.people) - len(kept)))
    return shown


def org_page(
    session: neo4j.Session, scope: scopes.Scope, org_id: str, *, near: projection.Near
) -> OrgView | None:
    """The organization page for `scope`'s reader; None if there is no such organization
    or the reader may not read it (a 404 either way)."""
    if not scopes.readable(session, scope, "organization", [org_id]):
        return None
    page = orgs_repo.page(session, org_id)
    if page is None:
        return None
    concentration = concentration_report(session)
    account = concentration.account(org_id)
    around = scopes.near_readable(session, scope, near)
    try:
        coverage = coverage_report(session, account_id=org_id, near=around)
    except Invalid:
        coverage = None
    made = proposals.lines_for(session, scope, clock.today(), account_id=org_id)
    return OrgView(page, account, coverage, concentration, made, org_events(session, scope, org_id))
