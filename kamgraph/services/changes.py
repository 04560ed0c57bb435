"""What changed in a reader's network since a day (the /changes page and `kamgraph analyze
changes`), a person's timeline of changes (the dossier), and the changes to what a user
watches (My week); each limited to the records the reader may read.

The change log (repository/history.py) is written with every change of a tie or a person;
this module reads a period of it, keeps what the reader's scope reaches, and sorts it into
what a KAM asks on Monday: lost champions, rotation, new DMU members, ties gone stale and
influence rank moves.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final

import neo4j

from kamgraph.errors import Invalid
from kamgraph.i18n import N_
from kamgraph.models import (
    CHANGE_TYPES,
    CHANGES_DEFAULT_DAYS,
    CLOSED_TENDER_STATUSES,
    FRIENDLY_STANCES,
    LEAD_ROLES,
    PERSON_CHANGE,
    RANK_MOVE_PLACES,
    RANK_MOVE_TOP,
    TIMELINE_ONLY_TIES,
    UNFRIENDLY_STANCES,
    contact_boundary,
)
from kamgraph.repository import history
from kamgraph.repository import users as users_repo
from kamgraph.repository.history import Change, End, RankMove
from kamgraph.schema import PEOPLE
from kamgraph.services import scope as scopes

# At most this many changes of a period in the reader's network are read for one page (the
# newest): the page says when there were more.
PERIOD_LIMIT: Final = 2_000
# The page lists at most this many of the other changes (the groups above them are whole):
# a busy week's thousand lines cost seconds to render and nobody reads them.
OTHER_SHOWN: Final = 200
# What changed leaves out the ties that are a timeline's only (models.TIMELINE_ONLY_TIES).
PERIOD_TYPES: Final = tuple(t for t in CHANGE_TYPES if t not in TIMELINE_ONLY_TIES)
TIMELINE_LIMIT: Final = 20  # the dossier's newest changes
WATCHED_DAYS: Final = 7  # My week's card
WATCHED_LIMIT: Final = 30
RANK_LIMIT: Final = 50
SENSITIVE: Final = frozenset(c.name for c in PEOPLE.columns if c.sensitive)
ROTATION_TIES: Final = ("WORKS_AT", "MEMBER_OF")
ROTATION_FIELDS: Final = ("title", "role", "is_current", "until")
# The word group (terms.py) of a coded field's values, by tie type.
_GROUPS: Final[dict[tuple[str, str], str]] = {
    ("ROLE_IN", "stance"): "stance",
    ("ROLE_IN", "role"): "tender role",
    ("COVERS", "stage"): "ladder stage",
    ("KNOWS", "kind"): "acquaintance",
    ("TIES_TO", "kind"): "competitor tie",
}


@dataclass(frozen=True)
class FieldChange:
    """One field of a change: its values as text ("" for none), or `hidden` (a sensitive
    field the reader may not see: the page says "values changed")."""

    name: str
    before: str
    after: str
    hidden: bool = False
    group: str | None = None  # the word group of a coded value (terms.py)


@dataclass(frozen=True)
class Item:
    """A change as one reader sees it: about `person`, with `other` at the tie's far end."""

    at: datetime
    kind: str  # models.CHANGE_KINDS
    type: str  # a tie type, or models.PERSON_CHANGE
    person: End | None
    other: End | None
    fields: list[FieldChange]
    by: str | None  # who made it: a user's name, or "import"
    tender_open: bool = False
    merged_id: str | None = None  # a merge's: the duplicate that went into the person
    merged_name: str | None = None

    def field(self, name: str) -> FieldChange | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True)
class StaleTie:
    """A covered person whose last contact passed their contact boundary on `stale_on`."""

    person_id: str
    name: str
    last_contact: date
    every: int
    stale_on: date


@dataclass(frozen=True)
class ChangesPage:
    """What changed in a reader's network from `since` to `today`."""

    since: date
    today: date
    reader: str  # the reader's name (a lead's page is her team's)
    team: bool
    lost_champions: list[Item]
    rotation: list[Item]
    new_members: list[Item]
    stale: list[StaleTie]
    rank_moves: list[RankMove]
    other: list[Item]  # every other change the reader may read, newest first
    more: bool  # the period held more changes than one page reads (PERIOD_LIMIT)

    def as_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @property
    def empty(self) -> bool:
        return not (
            self.lost_champions
            or self.rotation
            or self.new_members
            or self.stale
            or self.rank_moves
            or self.other
        )


def sorted_out(items: list[Item]) -> tuple[list[Item], list[Item], list[Item], list[Item]]:
    """The changes as What changed groups them: lost champions, rotation, new DMU members,
    and every other change (each change in one group, in the order given)."""
    lost: list[Item] = []
    rotation: list[Item] = []
    members: list[Item] = []
    other: list[Item] = []
    for item in items:
        if _lost_champion(item):
            lost.append(item)
        elif _rotation(item):
            rotation.append(item)
        elif _new_member(item):
            members.append(item)
        else:
            other.append(item)
    return lost, rotation, members, other


def default_since(today: date) -> date:
    """What changed looks back a week unless asked otherwise."""
    return today - timedelta(days=CHANGES_DEFAULT_DAYS)


def _start(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def changes_page(
    session: neo4j.Session,
    scope: scopes.Scope,
    since: date,
    today: date,
    *,
    whole: bool = False,
) -> ChangesPage:
    """What changed in `scope`'s network from `since` to `today` (a lead's: her team's).

    The query reads only the changes about the people of the reader's network (her
    territories, her team's accounts and covers, whom she watches), newest first; each
    change's other ends are then checked against the full scope rule. Of the changes in
    no group, the page keeps the newest OTHER_SHOWN (`whole`: all, as the command line)."""
    if scope.everything:
        found = history.since(session, _start(since), types=PERIOD_TYPES, limit=PERIOD_LIMIT)
    else:
        found = history.in_scope(
            session,
            _start(since),
            user_id=scope.user.id,
            users=scope.users or (scope.user.id,),
            regions=scope.regions,
            today=today,
            types=PERIOD_TYPES,
            limit=PERIOD_LIMIT,
        )
    items = _visible(session, scope, found, sensitive_ok=scope.sees_all_sensitive)
    lost, rotation, members, other = sorted_out(items)
    moves = history.rank_moves(
        session, _start(since), places=RANK_MOVE_PLACES, top=RANK_MOVE_TOP, limit=RANK_LIMIT
    )
    seen = scopes.readable(session, scope, "person", (m.id for m in moves))
    return ChangesPage(
        since=since,
        today=today,
        reader=scope.user.name,
        team=len(scope.users) > 1,
        lost_champions=lost,
        rotation=rotation,
        new_members=members,
        stale=stale_ties(session, scope, since, today),
        rank_moves=[m for m in moves if m.id in seen],
        other=other if whole else other[:OTHER_SHOWN],
        more=len(found) >= PERIOD_LIMIT or (not whole and len(other) > OTHER_SHOWN),
    )


def report(
    session: neo4j.Session,
    since: date,
    today: date,
    *,
    as_email: str | None = None,
    team_email: str | None = None,
    actor: str = "command line",
) -> ChangesPage:
    """`kamgraph analyze changes`: as one KAM sees it (`as_email`), as a lead's team does
    (`team_email`), or everything (whoever holds the database's credentials)."""
    if as_email and team_email:
        raise Invalid(N_("Give --as or --team, not both."))
    if since > today:
        raise Invalid(N_("--since %(day)s is after today"), day=since.isoformat())
    email = as_email or team_email
    if email is None:
        return changes_page(session, scopes.command_line(actor), since, today, whole=True)
    found = users_repo.credentials(session, email)
    if found is None:
        raise Invalid(N_("No team member has the email %(email)s."), email=email)
    if team_email and found.user.role not in LEAD_ROLES:
        raise Invalid(N_("%(email)s is not a team lead: use --as."), email=email)
    return changes_page(session, scopes.of(session, found.user), since, today, whole=True)


def timeline(
    session: neo4j.Session, scope: scopes.Scope, person_id: str, *, sensitive_ok: bool
) -> list[Item]:
    """A person's newest changes for the dossier (its subject already read by `scope`);
    ties to people or tenders the reader may not read are left out."""
    found = history.timeline(session, person_id, limit=TIMELINE_LIMIT)
    return _visible(session, scope, found, sensitive_ok=sensitive_ok, subject=person_id)


def watched(session: neo4j.Session, scope: scopes.Scope, today: date) -> list[Item]:
    """The last week's changes to the people and tenders the reader watches (My week)."""
    start = _start(today - timedelta(days=WATCHED_DAYS))
    found = history.watched(session, scope.user.id, start, limit=WATCHED_LIMIT)
    return _visible(session, scope, found, sensitive_ok=scope.sees_all_sensitive)


def stale_ties(
    session: neo4j.Session, scope: scopes.Scope, since: date, today: date
) -> list[StaleTie]:
    """The people the reader (or a lead's team) covers whose last contact passed their
    contact boundary between `since` and `today`."""
    users = scope.users or (scope.user.id,)
    found: list[StaleTie] = []
    for c in history.covered_contacts(session, users, today):
        if c.last_contact is None:
            continue  # never met: coverage's "no contact", not something that changed
        segments = (*(c.segments or ()), *(("dmu_member",) if c.in_dmu else ()))
        every = contact_boundary(segments, c.kol_tier, c.every)
        stale_on = c.last_contact + timedelta(days=every)
        if since <= stale_on <= today:
            found.append(StaleTie(c.id, c.name, c.last_contact, every, stale_on))
    return sorted(found, key=lambda s: (s.stale_on, s.person_id))


def _visible(
    session: neo4j.Session,
    scope: scopes.Scope,
    found: list[Change],
    *,
    sensitive_ok: bool,
    subject: str | None = None,
) -> list[Item]:
    """The changes whose people and tenders the reader may all read, as she sees them."""
    people = {e.id for c in found for e in c.ends if e.label == "Person"}
    tenders = {e.id for c in found for e in c.ends if e.label == "Tender"}
    readable = scopes.readable(session, scope, "person", people) | scopes.readable(
        session, scope, "tender", tenders
    )
    return [
        _item(c, sensitive_ok=sensitive_ok, subject=subject)
        for c in found
        if all(e.id in readable for e in c.ends if e.label in ("Person", "Tender"))
    ]


def item_of(change: Change, *, sensitive_ok: bool, subject: str | None = None) -> Item:
    """A change as one reader sees it (`sensitive_ok`: she may see sensitive values),
    from the point of view of `subject` (the dossier's person), if any."""
    return _item(change, sensitive_ok=sensitive_ok, subject=subject)


def _item(change: Change, *, sensitive_ok: bool, subject: str | None) -> Item:
    persons = [e for e in change.ends if e.label == "Person"]
    person = next((e for e in persons if e.id == subject), None) or (
        persons[0] if persons else None
    )
    other = next((e for e in change.ends if person is None or e.id != person.id), None)
    fields = [
        _field(change.type, name, b, a, hidden=not sensitive_ok and _sensitive(change, name))
        for name, b, a in zip(change.fields, change.before, change.after, strict=True)
    ]
    tender = next((e for e in change.ends if e.label == "Tender"), None)
    return Item(
        at=change.at,
        kind=change.kind,
        type=change.type,
        person=person,
        other=other,
        fields=fields,
        by=change.by_name or change.by,
        tender_open=tender is not None and tender.status not in CLOSED_TENDER_STATUSES,
        merged_id=change.merged_id,
        merged_name=change.merged_name,
    )


def _sensitive(change: Change, name: str) -> bool:
    return change.type == PERSON_CHANGE and name in SENSITIVE


def _field(kind: str, name: str, before: str, after: str, *, hidden: bool) -> FieldChange:
    if hidden:
        return FieldChange(name, "", "", hidden=True)
    return FieldChange(name, before, after, group=_GROUPS.get((kind, name)))


def _lost_champion(item: Item) -> bool:
    """A champion or supporter now neutral, sceptic or a blocker, in an open tender."""
    stance = item.field("stance")
    return (
        item.type == "ROLE_IN"
        and item.tender_open
        and stance is not None
        and stance.before in FRIENDLY_STANCES
        and stance.after in UNFRIENDLY_STANCES
    )


def _rotation(item: Item) -> bool:
    """A job or a committee seat started or ended, or its title or role changed."""
    if item.type not in ROTATION_TIES:
        return False
    return item.kind in ("created", "ended") or any(f.name in ROTATION_FIELDS for f in item.fields)


def _new_member(item: Item) -> bool:
    """Someone added to the DMU of an open tender."""
    return item.type == "ROLE_IN" and item.kind == "created" and item.tender_open


def said(item: Item) -> str:
    """A change in one line of English, for the command line: what happened when a tie's
    type does not say it (a talk, an attendance, a merge), then its fields."""
    fields = "; ".join(
        f"{f.name}: values changed"
        if f.hidden
        else f"{f.name}: {f.before or '-'} -> {f.after or '-'}"
        for f in item.fields
    )
    other = item.other.name if item.other else ""
    headline = {
        ("ATTENDED", "created"): f"attended {other}",
        ("SPOKE_AT", "created"): f"spoke at {other}",
        (PERSON_CHANGE, "merged"): f"merged with {item.merged_name} ({item.merged_id})"
        + ("; taken from it:" if item.fields else ""),
    }.get((item.type, item.kind))
    return " ".join(s for s in (headline, fields) if s)
