"""Deputies during an absence: a KAM (or her lead) names a colleague for a period; while it
runs, the deputy reads what the absent KAM reads (services/scope.py) and gets her follow-ups
on My week (services/week.py); ending it takes effect at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import neo4j

from kamgraph import fields
from kamgraph.errors import FieldInvalid, Forbidden, Invalid
from kamgraph.i18n import N_
from kamgraph.models import LEAD_ROLES, User
from kamgraph.repository import deputies as deputies_repo
from kamgraph.repository import users as users_repo
from kamgraph.repository.deputies import Deputyship
from kamgraph.services import references
from kamgraph.services import scope as scopes

# Who may stand in for a KAM: a colleague who writes (a compliance officer only reads).
DEPUTY_ROLES = ("kam", "lead", "admin")


@dataclass(frozen=True)
class DeputiesPage:
    """Whose deputies these are, and her running and coming deputyships both ways."""

    kam: User
    own: bool  # the reader's own (else a lead's view of a team member)
    today: date
    named: list[Deputyship]  # deputies for her
    covering: list[Deputyship]  # colleagues she stands in for


@dataclass(frozen=True)
class Naming:
    """A checked deputyship to store (services/deputies.checked made it)."""

    id: str
    user_id: str
    deputy_id: str
    starts_on: date
    ends_on: date


def _kam(session: neo4j.Session, scope: scopes.Scope, user_id: str) -> User | None:
    """The user whose deputies `scope`'s reader may set: herself; for a lead, a member of her
    team; for an admin, anyone. Forbidden for a KAM asking about someone else; None (a
    404) for a user outside a lead's team or unknown."""
    me = scope.user
    if user_id and user_id != me.id and me.role not in LEAD_ROLES:
        raise Forbidden(N_("Only a team lead can name a deputy for a colleague."))
    wanted = user_id or me.id
    if wanted != me.id and not scope.everything and wanted not in scope.users:
        return None
    return users_repo.get(session, wanted)


def deputies_page(
    session: neo4j.Session, scope: scopes.Scope, user_id: str, today: date
) -> DeputiesPage | None:
    """The deputies of `user_id` (the reader's own if blank) as `scope`'s reader may set them."""
    kam = _kam(session, scope, user_id)
    if kam is None:
        return None
    found = deputies_repo.of_user(session, kam.id, today)
    return DeputiesPage(
        kam=kam,
        own=kam.id == scope.user.id,
        today=today,
        named=[d for d in found if d.user_id == kam.id],
        covering=[d for d in found if d.deputy_id == kam.id],
    )


def _day(name: str, text: str) -> date:
    if not text.strip():
        raise FieldInvalid(name, N_("Give a date."))
    try:
        return fields.day(text.strip())
    except fields.CellError as error:
        raise FieldInvalid(name, error.message.template, **error.message.values) from None


def checked(
    session: neo4j.Session,
    scope: scopes.Scope,
    user_id: str,
    *,
    deputyship_id: str,
    deputy: str,
    starts_on: str,
    ends_on: str,
    today: date,
) -> Naming | None:
    """A deputyship as typed in the form, checked: the colleague (a typed name) and the
    period, which may not start in the past nor end before it starts. FieldInvalid names
    the field; Forbidden and None (a 404) as :func:`deputies_page`."""
    kam = _kam(session, scope, user_id)
    if kam is None:
        return None
    if not deputy.strip():
        raise FieldInvalid("deputy", N_("Who stands in? Type a colleague's name and pick one."))
    try:
        deputy_id = references.resolve(session, scope, "user", deputy)
    except Invalid as error:
        raise FieldInvalid("deputy", error.message, **error.values) from None
    found = users_repo.get(session, deputy_id)
    if deputy_id == kam.id:
        raise FieldInvalid("deputy", N_("Name a colleague: nobody is her own deputy."))
    if found is None or not found.active or found.role not in DEPUTY_ROLES:
        raise FieldInvalid("deputy", N_("%(name)s cannot stand in for a KAM."), name=deputy)
    first, last = _day("starts_on", starts_on), _day("ends_on", ends_on)
    if first < today:
        raise FieldInvalid("starts_on", N_("The absence cannot start in the past."))
    if last < first:
        raise FieldInvalid("ends_on", N_("The absence ends before it starts."))
    return Naming(deputyship_id, kam.id, deputy_id, first, last)


def name(session: neo4j.Session, naming: Naming, *, by: str) -> None:
    """Store a checked deputyship (audited by the caller)."""
    deputies_repo.name(
        session,
        naming.id,
        user_id=naming.user_id,
        deputy_id=naming.deputy_id,
        starts_on=naming.starts_on,
        ends_on=naming.ends_on,
        by=by,
    )


def to_end(
    session: neo4j.Session, scope: scopes.Scope, deputyship_id: str, today: date
) -> Deputyship | None:
    """The deputyship `scope`'s reader may end: her own, or (for a lead) her team's; the
    deputy may step down too. None (a 404) otherwise; Forbidden as :func:`deputies_page`."""
    found = deputies_repo.get(session, deputyship_id, today)
    if found is None:
        return None
    if scope.user.id == found.deputy_id:
        return found
    return found if _kam(session, scope, found.user_id) is not None else None


def end(session: neo4j.Session, deputyship_id: str, *, by: str) -> None:
    """End a deputyship now (audited by the caller)."""
    deputies_repo.end(session, deputyship_id, by=by)
