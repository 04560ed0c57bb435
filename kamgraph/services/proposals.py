"""Proposals as records: the proposal page, lists of them, the new form's names, edits
with a version, sending (which plans the follow-up sequence), an argument per DMU member
chosen by their type, and the steps marked done (views/proposals.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import neo4j

from kamgraph.errors import FieldInvalid, NotFound
from kamgraph.fields import MAX_LONG_TEXT, MAX_TEXT
from kamgraph.i18n import N_, Message
from kamgraph.models import OPEN_PROPOSAL_STATUSES, PROPOSAL_STATUSES, User
from kamgraph.repository import _entity as entity
from kamgraph.repository import proposals as proposals_repo
from kamgraph.repository.proposals import Argument, DueStep, Found, Line, Member
from kamgraph.schema import PROPOSALS
from kamgraph.services import references
from kamgraph.services import scope as scopes

# The follow-up sequence, in working days after sending (the field guides: call a day later;
# agree the next steps; fix the decision date to create urgency, before the offer expires).
CALL_AFTER = 1
NEXT_STEPS_AFTER = 3
DECIDE_AFTER = 10
WEEK_DAYS = 7

# A starting text per DMU type, in the reader's language, which the KAM edits: bosses want
# power and status, people-oriented members references, finance numbers, technical experts
# the technical facts (DESIGN.md, "Where the domain comes from").
TEMPLATES: dict[str | None, str] = {
    "boss": N_(
        "Power and status: what being first with this therapy means for %(account)s's "
        "standing, and %(name)s's own part in it."
    ),
    "people": N_(
        "References: which hospitals and colleagues %(name)s respects already use it, and "
        "what their staff and patients say."
    ),
    "finance": N_(
        "Numbers: the cost per patient, the savings against the current therapy and the "
        "budget impact for %(account)s over the contract, for %(name)s to check."
    ),
    "technical": N_(
        "Technical facts: the specification, the clinical data, handling and the service "
        "we give %(account)s, point by point for %(name)s."
    ),
    None: N_("What matters to %(name)s in this offer, and the proof of it."),
}


def working_days_after(day: date, n: int) -> date:
    """The `n`-th working day (Monday to Friday) after `day`.

    >>> working_days_after(date(2026, 11, 20), 1)  # a Friday: the Monday
    datetime.date(2026, 11, 23)
    >>> working_days_after(date(2026, 11, 23), 3)
    datetime.date(2026, 11, 26)
    """
    while n > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


@dataclass(frozen=True)
class Sequence:
    """The follow-up steps a proposal sent today gets, and its decision date."""

    decision_date: date
    steps: list[tuple[str, date]]  # (kind, due)


def follow_up(sent_on: date, valid_until: date | None, decision_date: date | None) -> Sequence:
    """The sequence for a proposal sent on `sent_on`: call the next working day, agree the
    next steps three working days later, and decide by the date agreed, or else ten
    working days later, but no later than the offer's validity.

    >>> s = follow_up(date(2026, 11, 18), date(2026, 11, 27), None)
    >>> [(kind, str(due)) for kind, due in s.steps]
    [('call', '2026-11-19'), ('next_steps', '2026-11-23'), ('decision', '2026-11-27')]
    """
    decide = decision_date if decision_date and decision_date > sent_on else None
    decide = decide or working_days_after(sent_on, DECIDE_AFTER)
    if valid_until is not None:
        decide = min(decide, valid_until)
    return Sequence(
        decide,
        [
            ("call", working_days_after(sent_on, CALL_AFTER)),
            ("next_steps", working_days_after(sent_on, NEXT_STEPS_AFTER)),
            ("decision", decide),
        ],
    )


@dataclass(frozen=True)
class MemberArgument:
    """A DMU member on the proposal page: who, their type and stance, and the argument
    written for them, or the starting text of their type (`template`, a message to say in
    the reader's language) to edit."""

    member: Member
    argument: str | None
    template: Message


@dataclass(frozen=True)
class ProposalPage:
    """Everything the proposal page shows, for one reader."""

    proposal: Found
    members: list[MemberArgument]
    others: list[Argument]  # arguments to people no longer in the DMU
    not_chased: bool
    today: date


def proposal_page(
    session: neo4j.Session, scope: scopes.Scope, proposal_id: str, today: date
) -> ProposalPage | None:
    """The proposal page; None if there is none or the reader may not read it."""
    if not scopes.readable(session, scope, "proposal", [proposal_id]):
        return None
    found = proposals_repo.get(session, proposal_id)
    if found is None:
        return None
    members = _readable_members(
        session, scope, proposals_repo.dmu(session, found.account_id, found.tender_id)
    )
    written = {a.person_id: a.argument for a in found.arguments}
    account = found.account or ""
    shown = [
        MemberArgument(
            m,
            written.get(m.id),
            Message(TEMPLATES.get(m.dmu_type, TEMPLATES[None]), name=m.name, account=account),
        )
        for m in members
    ]
    in_dmu = {m.id for m in members}
    allowed = scopes.readable(session, scope, "person", written)
    others = [a for a in found.arguments if a.person_id not in in_dmu and a.person_id in allowed]
    return ProposalPage(found, shown, others, _not_chased(found, today), today)


def _readable_members(
    session: neo4j.Session, scope: scopes.Scope, members: list[Member]
) -> list[Member]:
    allowed = scopes.readable(session, scope, "person", (m.id for m in members))
    return [m for m in members if m.id in allowed]


def _not_chased(found: Found, today: date) -> bool:
    return found.status in OPEN_PROPOSAL_STATUSES and any(
        s.kind == "call" and not s.done and s.due < today for s in found.steps
    )


@dataclass(frozen=True)
class ListPage:
    """A list of proposals the reader may read."""

    lines: list[Line]


def my_proposals(
    session: neo4j.Session, scope: scopes.Scope, reader: User, today: date
) -> ListPage:
    """The proposals the reader wrote (or is one of the authors of), newest first."""
    found = proposals_repo.listed(session, today, author_id=reader.id)
    return ListPage(readable_lines(session, scope, found))


def lines_for(
    session: neo4j.Session,
    scope: scopes.Scope,
    today: date,
    *,
    account_id: str | None = None,
    tender_id: str | None = None,
) -> list[Line]:
    """The proposals to an account or answering a tender that the reader may read."""
    found = proposals_repo.listed(session, today, account_id=account_id, tender_id=tender_id)
    return readable_lines(session, scope, found)


def readable_lines(session: neo4j.Session, scope: scopes.Scope, lines: list[Line]) -> list[Line]:
    """Those of `lines` the reader may read."""
    if scope.everything:
        return lines
    allowed = scopes.readable(session, scope, "proposal", (line.id for line in lines))
    return [line for line in lines if line.id in allowed]


def week_steps(session: neo4j.Session, user_id: str, today: date) -> list[DueStep]:
    """My week: the follow-up steps of my open proposals due this week, or overdue."""
    return proposals_repo.my_steps(session, user_id, today, today + timedelta(days=WEEK_DAYS))


@dataclass(frozen=True)
class FormPage:
    """What the new-proposal form starts from: the account's, tender's and author's labels
    as the pickers show them ('' for none)."""

    account: str
    tender: str
    author: str


def form_page(
    session: neo4j.Session, scope: scopes.Scope, account_id: str, tender_id: str, me: User
) -> FormPage:
    """The form's data; ids from a link (an organization or tender page) become labels. A
    tender without an account given starts from its buyer."""
    labels = references.labels_of(
        session,
        scope,
        {"account": ("organization", account_id), "tender": ("tender", tender_id)},
    )
    if tender_id and not account_id and labels["tender"]:
        buyer = proposals_repo.buyer_of(session, tender_id)
        if buyer:
            labels["account"] = references.label_of(session, scope, "organization", buyer)
    return FormPage(labels["account"], labels["tender"], me.name)


@dataclass(frozen=True)
class Posted:
    """The new-proposal form resolved: the import row to save, and each field's problem."""

    row: dict[str, str]
    problems: dict[str, Message]


def read_posted(
    session: neo4j.Session,
    scope: scopes.Scope,
    cells: Mapping[str, str],
    authors: list[str],
) -> Posted:
    """The typed account, tender and authors turned into ids (problems beside the fields);
    the rest of the row is checked as an import row when it is saved."""
    typed = {
        "account_id": ("organization", cells.get("account", "")),
        "tender_id": ("tender", cells.get("tender", "")),
    }
    found = references.resolve_fields(session, scope, typed)
    problems: dict[str, Message] = dict(found.problems)
    if not cells.get("account", "").strip():
        problems["account_id"] = Message(
            N_("Type an organization's name and pick one from the list.")
        )
    author_ids, author_problems = references.resolve_many(session, scope, "user", authors)
    if author_problems:
        problems["author_ids"] = author_problems[0]
    elif not author_ids:
        problems["author_ids"] = Message(N_("Who wrote it? Type a colleague's name."))
    row = {
        "id": cells.get("id", ""),
        "title": cells.get("title", ""),
        "account_id": found.ids.get("account_id", ""),
        "tender_id": found.ids.get("tender_id", ""),
        "author_ids": ";".join(author_ids),
        "valid_until": cells.get("valid_until", ""),
        "benefits": cells.get("benefits", ""),
        "status": "draft",
    }
    return Posted(row, problems)


def edit(
    session: neo4j.Session,
    proposal_id: str,
    *,
    version: int,
    fields: Mapping[str, Any],
    by: str,
) -> None:
    """Save an edit of the title, validity, benefits, decision date, status and reason made
    on `version` (Conflict if it is stale). A lost proposal needs its reason; a draft is
    sent with :func:`send` (which plans the follow-up), never by its status."""
    found = proposals_repo.get(session, proposal_id)
    if found is None:
        raise NotFound(N_("There is no proposal %(id)s."), id=repr(proposal_id))
    status = str(fields.get("status") or found.status)
    if status not in PROPOSAL_STATUSES:
        raise FieldInvalid("status", N_("Choose a status from the list."))
    if status != found.status and status in ("draft", "sent"):
        raise FieldInvalid(
            "status",
            N_(
                "A proposal is sent with the “Mark as sent today” button, which plans the "
                "follow-up calls."
            ),
        )
    title = str(fields.get("title") or "").strip()
    if not title:
        raise FieldInvalid("title", N_("Give the proposal a title."))
    reason = str(fields.get("reason") or "").strip() or None
    if status == "lost" and not reason:
        raise FieldInvalid("reason", N_("Say why it was lost: the team learns from it."))
    benefits = str(fields.get("benefits") or "").strip() or None
    limits = (
        ("title", title, MAX_TEXT),
        ("benefits", benefits, MAX_LONG_TEXT),
        ("reason", reason, MAX_LONG_TEXT),
    )
    for name, text, most in limits:  # as the import's columns take them
        if text and len(text) > most:
            raise FieldInvalid(name, N_("At most %(most)s characters."), most=most)
    props = {
        "title": title,
        "benefits": benefits,
        "status": status,
        "reason": reason,
        "valid_until": fields.get("valid_until"),
        "decision_date": fields.get("decision_date"),
    }
    entity.update_props(
        session, PROPOSALS, proposal_id, props, expected_version=version, recorded_by=by
    )


def send(
    session: neo4j.Session, proposal_id: str, *, version: int, today: date, by: str
) -> Sequence:
    """Send a draft today: status sent, and its follow-up steps planned (Conflict if the
    page was stale; refused if it is not a draft or its offer has expired)."""
    found = proposals_repo.get(session, proposal_id)
    if found is None:
        raise NotFound(N_("There is no proposal %(id)s."), id=repr(proposal_id))
    if found.status != "draft":
        raise FieldInvalid("status", N_("Only a draft is sent; this one was sent already."))
    if found.valid_until is not None and found.valid_until < today:
        raise FieldInvalid(
            "valid_until",
            N_("The offer expired on %(day)s: give it a new validity date, then send it."),
            day=found.valid_until,
        )
    planned = follow_up(today, found.valid_until, found.decision_date)
    steps: list[dict[str, object]] = [
        {"id": proposals_repo.step_id(proposal_id, kind), "kind": kind, "due": due}
        for kind, due in planned.steps
    ]
    proposals_repo.send(
        session,
        proposal_id,
        expected_version=version,
        sent_on=today,
        decision_date=planned.decision_date,
        steps=steps,
        by=by,
    )
    return planned


def save_argument(
    session: neo4j.Session,
    scope: scopes.Scope,
    proposal_id: str,
    person_id: str,
    text: str,
    *,
    by: str,
) -> None:
    """Store the proposal's argument for a member of its DMU (one the reader reads)."""
    text = text.strip()
    if not text:
        raise FieldInvalid("argument", N_("Write the argument, or leave the page."))
    if len(text) > MAX_LONG_TEXT:
        raise FieldInvalid("argument", N_("At most %(most)s characters."), most=MAX_LONG_TEXT)
    found = proposals_repo.get(session, proposal_id)
    if found is None:
        raise NotFound(N_("There is no proposal %(id)s."), id=repr(proposal_id))
    members = {m.id for m in proposals_repo.dmu(session, found.account_id, found.tender_id)}
    if person_id not in members or not scopes.readable(session, scope, "person", [person_id]):
        raise FieldInvalid("argument", N_("This person is not in the proposal's DMU."))
    proposals_repo.set_argument(session, proposal_id, person_id, text, by=by)


def mark_step(
    session: neo4j.Session, proposal_id: str, step_id: str, *, done: bool, today: date
) -> str:
    """Mark a follow-up step done (or not); returns its kind."""
    return proposals_repo.set_step_done(session, proposal_id, step_id, done=done, today=today)
