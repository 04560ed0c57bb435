"""Meeting briefs: one printable page per person, with talking points for their DMU type."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import neo4j

from kamgraph.errors import Invalid
from kamgraph.i18n import N_
from kamgraph.repository import dossier as dossier_repo
from kamgraph.repository import interactions as interactions_repo
from kamgraph.repository import tenders as tenders_repo
from kamgraph.repository import week
from kamgraph.repository.dossier import Dossier, TenderRole
from kamgraph.services import scope as scopes

# What moves each DMU type (after the KAM literature's "boss / people / finance /
# technical" split), as talking points.
TALKING_POINTS: dict[str, tuple[str, ...]] = {
    "boss": (
        N_("Speak to power and exclusivity: what this gives them that others will not have."),
        N_("Be brief and lead with the decision you need; offer options, not details."),
        N_("Show respect for their position; let them set the agenda."),
    ),
    "people": (
        N_("Bring references: colleagues and peers who already use it, and what they say."),
        N_("Talk about patients and the team: how it eases their staff's work."),
        N_("Take time for the relationship; ask about them before the business."),
    ),
    "finance": (
        N_("Bring numbers: budget impact, cost per patient, total cost of care."),
        N_("Compare with the current option in their own figures; no adjectives."),
        N_("Be exact about prices, discounts and terms; send the model afterwards."),
    ),
    "technical": (
        N_("Bring the data: trials, specifications, comparisons, and the sources."),
        N_("Answer precisely, admit what is unknown, and follow up in writing."),
        N_("Offer an expert of ours for the details."),
    ),
}
GENERAL_POINTS = (N_("Ask what matters to them this quarter; listen more than you talk."),)
# The field guides' seven classic mistakes with key clients, as a checklist for the meeting
# (the Albanian guide lists them: 1, 4, 5 and 7 are about getting ready, 2, 3 and 6 about
# behaviour in the meeting).
SEVEN_MISTAKES = (
    N_("Being late: be on time, to the minute."),
    N_("Arguing with them, even when they are wrong."),
    N_("Interrupting them."),
    N_("Not knowing their organization: its income, history and plans, before you walk in."),
    N_("Coming to a negotiation unprepared: know what you want, what you can give, and why."),
    N_("Bad manners: no phone on the table, no jokes at anyone's expense."),
    N_("Not knowing our product, and theirs: answer every question on the spot."),
)
# The argument to lead with for our product against a competitor's, by DMU type; the page
# translates it, then fills in the products (%(ours)s, %(theirs)s).
ARGUMENT = {
    "boss": N_("what choosing %(ours)s gives the hospital that the others will not have"),
    "people": N_("the colleagues who already use %(ours)s, and what it saves their staff"),
    "finance": N_("the budget impact of %(ours)s against %(theirs)s, in their own figures"),
    "technical": N_("the data on %(ours)s against %(theirs)s: trials, specifications, sources"),
}
DEFAULT_ARGUMENT = N_("why %(ours)s is the better choice for their patients than %(theirs)s")


@dataclass(frozen=True)
class OpenTenderRole(TenderRole):
    """A role in a tender still open, with the conflicts of interest it raises."""

    conflicts: list[tenders_repo.Conflict] = field(default_factory=list[tenders_repo.Conflict])


@dataclass(frozen=True)
class Argument:
    """Our products and the competitors' in an open tender, and the argument to lead with."""

    tender: str
    ours: str
    theirs: str
    argument: str  # English with %(ours)s and %(theirs)s: the page translates, then fills


@dataclass(frozen=True)
class Brief:
    """One person's brief."""

    dossier: Dossier
    birthday: week.Birthday | None
    talking_points: tuple[str, ...]
    open_tender_roles: list[OpenTenderRole]
    products: list[Argument]  # per open tender
    sensitive: bool = False  # whether the reader sees (and the page prints) sensitive fields


@dataclass(frozen=True)
class MeetingBriefs:
    """A planned meeting (objective, agenda, who logged it) and the briefs of the people in
    it whom the reader may read."""

    meeting: interactions_repo.Meeting
    briefs: list[Brief]


def brief(session: neo4j.Session, scope: scopes.Scope, person_id: str, today: date) -> Brief | None:
    """The brief for one person as `scope` may see it, or None if there is no such person."""
    stored = dossier_repo.get(session, person_id)
    if stored is None:
        return None
    found = scopes.dossier(session, scope, stored)
    birthday = week.next_birthday(found.person, today)
    points = TALKING_POINTS.get(found.person.dmu_type or "", ()) + GENERAL_POINTS
    still_open = [r for r in found.tender_roles if r.status not in ("awarded", "cancelled")]
    conflicts = tenders_repo.conflicts(session, [r.tender_id for r in still_open], today)
    open_roles = [
        OpenTenderRole(**vars(r), conflicts=conflicts.get((r.tender_id, person_id), []))
        for r in still_open
    ]
    return Brief(
        found,
        birthday,
        points,
        open_roles,
        _products(session, open_roles, found.person.dmu_type),
        scope.may_see_sensitive(stored.covered_by),
    )


def _products(
    session: neo4j.Session, roles: list[OpenTenderRole], dmu_type: str | None
) -> list[Argument]:
    """Our products and the competitors' in each open tender, and the argument to lead with."""
    found: list[Argument] = []
    for role in roles:
        page = tenders_repo.page(session, role.tender_id)
        if page is None:
            continue
        ours = [p.name for p in page.products if p.maker_kind != "competitor"]
        theirs = [f"{p.name} ({p.maker})" for p in page.products if p.maker_kind == "competitor"]
        if not ours:
            continue
        argument = ARGUMENT.get(dmu_type or "", DEFAULT_ARGUMENT)
        found.append(Argument(role.title, ", ".join(ours), ", ".join(theirs), argument))
    return found


def briefs(
    session: neo4j.Session, scope: scopes.Scope, person_ids: list[str], today: date
) -> list[Brief] | None:
    """Briefs for everyone at a meeting, as `scope` may see them; None if any id is unknown
    or outside the scope."""
    if scopes.readable(session, scope, "person", person_ids) != set(person_ids):
        return None
    found = [brief(session, scope, pid, today) for pid in person_ids]
    return None if any(b is None for b in found) else [b for b in found if b is not None]


def meeting_briefs(
    session: neo4j.Session, scope: scopes.Scope, interaction_id: str, today: date
) -> MeetingBriefs | None:
    """The briefs for a planned meeting; None if there is no such meeting or the reader may
    not read it. Invalid if nobody in it is someone the reader may read about."""
    if not scopes.readable(session, scope, "interaction", [interaction_id]):
        return None
    meeting = interactions_repo.get(session, interaction_id)
    if meeting is None:
        return None
    readable = scopes.readable(session, scope, "person", meeting.participant_ids)
    participants = [p for p in meeting.participant_ids if p in readable]
    if not participants:
        raise Invalid(N_("Nobody you may read about is recorded for this meeting."))
    found = briefs(session, scope, participants, today)
    return None if found is None else MeetingBriefs(meeting, found)
