"""GDPR for the compliance officer: who has not been told that we hold their data (Art. 14),
by when they must be; erasing a person (Art. 17) and purging those past their retention
date."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

import neo4j

from kamgraph import clock, folding
from kamgraph.errors import NotFound
from kamgraph.repository import audit, audit_chain
from kamgraph.repository import dossier as dossier_repo
from kamgraph.repository import graph as graph_repo
from kamgraph.repository import pick as pick_repo
from kamgraph.repository import privacy as privacy_repo
from kamgraph.services import scope as scopes

INFORM_WITHIN = timedelta(days=30)  # Art. 14(3)(a): within a reasonable period, a month at most


@dataclass(frozen=True)
class ToInform(privacy_repo.NotInformed):
    """A person not informed yet, with the day the month to inform them ends."""

    inform_by: date
    days_left: int


@dataclass(frozen=True)
class Report:
    """The privacy page: who is overdue and who is still within the month, on `today`."""

    today: date
    overdue: list[ToInform]
    due: list[ToInform]


def report(session: neo4j.Session, today: date) -> Report:
    """People not informed yet: those past the month (overdue) and those still within it,
    each with the day it ends."""
    overdue: list[ToInform] = []
    due: list[ToInform] = []
    for person in privacy_repo.not_informed(session):
        inform_by = (person.collected_on or today) + INFORM_WITHIN
        row = ToInform(**vars(person), inform_by=inform_by, days_left=(inform_by - today).days)
        (overdue if inform_by < today else due).append(row)
    return Report(today, overdue, due)


@dataclass(frozen=True)
class NoticePage:
    """The notice letter to one person: their dossier as the reader may see it, and who we
    are (the data controller)."""

    dossier: dossier_repo.Dossier
    controller: str


def notice_page(session: neo4j.Session, scope: scopes.Scope, person_id: str) -> NoticePage | None:
    """The notice letter's data (GDPR Art. 14); None if there is no such person, or the
    reader's scope does not reach them."""
    if not scopes.readable(session, scope, "person", [person_id]):
        return None
    found = dossier_repo.get(session, person_id)
    if found is None:
        return None
    return NoticePage(scopes.dossier(session, scope, found), privacy_repo.controller(session))


# The free-text properties an erasure searches for the person's name: every field a KAM
# writes in her own words (names and ids are never rewritten: a namesake is someone else).
FREE_TEXT = [
    "notes",
    "family",
    "values",
    "hobbies",
    "communication",
    "commitments",
    "next_step",
    "objective",
    "agenda",
    "specification_notes",
    "evidence",
    "stance_evidence",
    "topic",
    "findings",
    "purpose",
    "decision_note",
    "before",  # the change log's values (history): a person's notes as they were
    "after",
]
ERASED_MARK = "[erased]"


@dataclass(frozen=True)
class Erasure:
    """What an erasure did: a pseudonym for the audit, and how much it touched."""

    pseudonym: str
    ties: int
    texts: int
    blanked: int
    audit_entries: int


def erase(session: neo4j.Session, person_id: str, *, by: str, path: str) -> Erasure:
    """Erase a person (GDPR Art. 17): their node and every tie, their name in every other
    record's free text, the notes of the meetings they alone took part in, and their id and
    name in the audit trail, which keeps only a pseudonymous entry of the erasure.

    The stored scores and search keys go with the node, the full-text indexes follow the
    delete, and the graph revision moves, so the analysis worker and the projection caches
    rebuild without them. Transfers of value to them stay in the ledger (the books must
    keep them, Art. 17(3)(b)) without a person and with the name redacted.
    """
    subject = privacy_repo.erasure_subject(session, person_id)
    if subject is None:
        raise NotFound(f"no person with id {person_id!r}")
    words = name_words(subject)
    # Query parameters: each element with its redacted properties.
    nodes: list[dict[str, Any]] = []
    ties: list[dict[str, Any]] = []
    for row in privacy_repo.mentions(session, FREE_TEXT, words):
        props = {key: redacted(value, words) for key, value in row.texts}
        (nodes if row.what == "node" else ties).append({"element": row.element, "props": props})
    alone = [i.id for i in subject.interactions if i.alone]
    # The audit first (an erasure cut short is run again, and needs the person to find
    # them), then the person, then the audit once more for any view in between.
    entries = audit_chain.erase_mentions(session, [person_id], words, clock.now())
    done = privacy_repo.erase(
        session, person_id, nodes=nodes, ties=ties, alone=alone, erased=ERASED_MARK
    )
    if done is None:
        raise NotFound(f"no person with id {person_id!r}")
    entries += audit_chain.erase_mentions(session, [person_id], words, clock.now())
    pseudonym = "erased:" + secrets.token_hex(6)
    texts = len(nodes) + len(ties)
    details = {
        "ties": done["ties"],
        "texts": texts,
        "meetings blanked": done["blanked"],
        "audit entries": entries,
    }
    audit.record(
        session, user_id=by, action="erase", target_id=pseudonym, path=path, details=details
    )
    return Erasure(pseudonym, done["ties"], texts, done["blanked"], entries)


def name_words(subject: privacy_repo.ErasureSubject) -> list[str]:
    """The person's name as it may appear in text, lower case: in full (either order),
    the family name alone, and their Latin spellings."""
    given, family = subject.given_name or "", subject.family_name or ""
    found = {subject.name or "", f"{given} {family}", f"{family} {given}", family}
    found |= {folding.latin(w) for w in list(found)}
    return sorted(
        {" ".join(w.lower().split()) for w in found if len(w.strip()) >= 3},
        key=lambda w: (-len(w), w),
    )


def redacted(value: Any, words: list[str]) -> Any:
    """`value` (text, or a list of texts) with every word of `words` replaced."""
    if isinstance(value, list):
        return [redacted(v, words) for v in cast(list[Any], value)]
    text = str(value)
    for word in words:  # longest first: the full name before the family name alone
        text = re.sub(re.escape(word), ERASED_MARK, text, flags=re.IGNORECASE)
    return text


def purge(
    session: neo4j.Session,
    today: date,
    *,
    by: str,
    path: str,
    dry_run: bool,
    progress: Callable[[str], None] | None = None,
) -> list[privacy_repo.Expired]:
    """Erase everyone whose retention date has passed (or, with `dry_run`, only list them)."""
    due = privacy_repo.expired(session, today)
    if dry_run:
        return due
    for person in due:
        erase(session, person.id, by=by, path=path)
        if progress is not None:
            progress(person.id)
    return due


@dataclass(frozen=True)
class PersonTrail:
    """Who viewed or changed a person, newest first, with the team's names to show."""

    person_id: str
    name: str
    entries: list[audit.AuditEntry]
    team: dict[str, str]  # user id -> name


def person_trail(session: neo4j.Session, person_id: str, *, limit: int = 500) -> PersonTrail | None:
    """The audit trail of one person (the last `limit` entries); None if there is no such
    person."""
    name = pick_repo.name_of(session, "Person", person_id)
    if name is None:
        return None
    entries = audit.recent(session, target_id=person_id, limit=limit)
    team = {u.id: u.name for u in graph_repo.team(session)}
    return PersonTrail(person_id, name, entries, team)
