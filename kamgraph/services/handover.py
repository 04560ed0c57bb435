"""Handing a leaving KAM's work to a colleague in one step: her current covers, the
accounts she manages, her active relationship plans, her account plans, her open proposals,
her open commitments and her open tender plan steps. Interactions keep their author (the
history stays with the company); only what is still to do moves. A lead previews, then
confirms; a preview that no longer holds is shown again (Conflict)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import neo4j

from kamgraph.errors import FieldInvalid, Invalid
from kamgraph.i18n import N_, Message
from kamgraph.models import User
from kamgraph.repository import handover as handover_repo
from kamgraph.repository import users as users_repo
from kamgraph.repository.handover import Moves
from kamgraph.services import references
from kamgraph.services import scope as scopes
from kamgraph.services.deputies import DEPUTY_ROLES

# The kinds of work a handover moves, in the preview's order.
KINDS = (
    "covers",
    "accounts",
    "person_plans",
    "account_plans",
    "proposals",
    "follow_ups",
    "tender_steps",
)


@dataclass(frozen=True)
class HandoverPage:
    """The handover form and, once both colleagues are known, its preview."""

    today: date
    leaver: User | None = None
    receiver: User | None = None
    moves: Moves | None = None
    token: str = ""
    typed: dict[str, str] = field(default_factory=dict[str, str])  # what the form said
    problems: dict[str, Message] = field(default_factory=dict[str, Message])

    @property
    def total(self) -> int:
        """How many records move in all."""
        return sum(self.moves.counts().values()) if self.moves else 0


def _colleague(session: neo4j.Session, scope: scopes.Scope, name: str, typed: str) -> User:
    """The team member `typed` names (a name or an id), in the lead's team; FieldInvalid
    naming the field `name` otherwise."""
    try:
        user_id = references.resolve(session, scope, "user", typed)
    except Invalid as error:
        raise FieldInvalid(name, error.message, **error.values) from None
    found = users_repo.get(session, user_id)
    if found is None or not (scope.everything or found.id in scope.users):
        raise FieldInvalid(name, N_("%(name)s is not on your team."), name=typed)
    return found


def handover_page(
    session: neo4j.Session, scope: scopes.Scope, from_typed: str, to_typed: str, today: date
) -> HandoverPage:
    """The page for the colleagues typed (names or ids; either may be blank): the leaving
    KAM's work that would move, once the receiver is known too."""
    typed = {"from": from_typed.strip(), "to": to_typed.strip()}
    problems: dict[str, Message] = {}
    found: dict[str, User] = {}
    for name, text in typed.items():
        if not text:
            continue
        try:
            found[name] = _colleague(session, scope, name, text)
        except FieldInvalid as error:
            problems[name] = error.said
    leaver, receiver = found.get("from"), found.get("to")
    if leaver and receiver:
        if leaver.id == receiver.id:
            problems["to"] = Message(N_("Choose someone else: the work moves to a colleague."))
        elif not receiver.active or receiver.role not in DEPUTY_ROLES:
            said = N_("%(name)s cannot take over a KAM's work.")
            problems["to"] = Message(said, name=receiver.name)
    moves = handover_repo.preview(session, leaver.id, today) if leaver else None
    token = moves.token(receiver.id) if moves and receiver and not problems else ""
    return HandoverPage(today, leaver, receiver, moves, token, typed, problems)


def hand_over(session: neo4j.Session, from_id: str, to_id: str, *, token: str, by: str) -> Moves:
    """Move the previewed work (audited by the caller as one entry); Conflict if it changed
    since the preview `token`."""
    return handover_repo.hand_over(session, from_id, to_id, token=token, by=by)


def command_page(
    session: neo4j.Session, actor: str, from_email: str, to_email: str, today: date
) -> HandoverPage:
    """The preview for `kamgraph team handover`: the colleagues by email, read with the
    command line's scope (every record). Invalid naming --from or --to if one is unknown."""
    ids: dict[str, str] = {}
    for option, email in (("--from", from_email), ("--to", to_email)):
        found = users_repo.credentials(session, email.strip())
        if found is None:
            said = N_("%(option)s: no user has the email %(email)s")
            raise Invalid(said, option=option, email=email)
        ids[option] = found.user.id
    page = handover_page(session, scopes.command_line(actor), ids["--from"], ids["--to"], today)
    for name, problem in page.problems.items():
        raise Invalid(N_("--%(option)s: %(problem)s"), option=name, problem=problem)
    return page
