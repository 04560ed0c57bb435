"""Meeting briefs: one printable page per person, with talking points for their DMU type."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import neo4j

from kamgraph.repository import dossier as dossier_repo
from kamgraph.repository import week
from kamgraph.repository.dossier import Dossier

# What moves each DMU type (after the KAM literature's "boss / people / finance /
# technical" split), as talking points.
TALKING_POINTS: dict[str, tuple[str, ...]] = {
    "boss": (
        "Speak to power and exclusivity: what this gives them that others will not have.",
        "Be brief and lead with the decision you need; offer options, not details.",
        "Show respect for their position; let them set the agenda.",
    ),
    "people": (
        "Bring references: colleagues and peers who already use it, and what they say.",
        "Talk about patients and the team: how it eases their staff's work.",
        "Take time for the relationship; ask about them before the business.",
    ),
    "finance": (
        "Bring numbers: budget impact, cost per patient, total cost of care.",
        "Compare with the current option in their own figures; no adjectives.",
        "Be exact about prices, discounts and terms; send the model afterwards.",
    ),
    "technical": (
        "Bring the data: trials, specifications, comparisons, and the sources.",
        "Answer precisely, admit what is unknown, and follow up in writing.",
        "Offer an expert of ours for the details.",
    ),
}
GENERAL_POINTS = ("Ask what matters to them this quarter; listen more than you talk.",)
AVOID = (
    "Being late: be on time, to the minute.",
    "Arguing or interrupting, even when they are wrong.",
    "Asking what their organization does: know it before you walk in.",
)


@dataclass(frozen=True)
class Brief:
    """One person's brief."""

    dossier: Dossier
    birthday: week.Birthday | None
    talking_points: tuple[str, ...]
    open_tender_roles: list[dict[str, object]]


def brief(session: neo4j.Session, person_id: str, today: date) -> Brief | None:
    """The brief for one person, or None if there is no such person."""
    found = dossier_repo.get(session, person_id)
    if found is None:
        return None
    birthday = week.next_birthday(found.person, today)
    points = TALKING_POINTS.get(found.person.dmu_type or "", ()) + GENERAL_POINTS
    open_roles = [r for r in found.tender_roles if r["status"] not in ("awarded", "cancelled")]
    return Brief(found, birthday, points, open_roles)


def briefs(session: neo4j.Session, person_ids: list[str], today: date) -> list[Brief] | None:
    """Briefs for everyone at a meeting; None if any id is unknown."""
    found = [brief(session, pid, today) for pid in person_ids]
    return None if any(b is None for b in found) else [b for b in found if b is not None]
