"""The domain model: frozen dataclasses for every entity, and the vocabularies they use.

Imports nothing of ours. Field metadata {"sensitive": True} marks personal data
that only needs-to-know roles see (family, values, personal notes).
"""

from __future__ import annotations

import calendar
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Final

# --- vocabularies (the import validates against these; order is meaningful) ---

# The tie types each analysis projects unless told otherwise (`kamgraph analyze --edges`).
DEFAULT_LAWFUL_BASIS: Final = "legitimate_interest"
# The lawful bases of GDPR Art. 6(1), as a dossier records them.
LAWFUL_BASES: Final = (
    "legitimate_interest",
    "consent",
    "contract",
    "legal_obligation",
    "vital_interests",
    "public_task",
)
DEFAULT_EDGES = {
    "influence": ("INFLUENCES", "KNOWS", "REPORTS_TO"),
    "brokers": ("INFLUENCES", "KNOWS", "REPORTS_TO"),
    "groups": ("INFLUENCES", "KNOWS", "REPORTS_TO"),
    "path": ("COVERS", "KNOWS", "REPORTS_TO", "INFLUENCES"),
}


ORGANIZATION_KINDS: Final = (
    "ministry",
    "health_committee",
    "tender_commission",
    "insurance_fund",
    "hospital",
    "department",
    "formulary_committee",
    "purchasing_centre",
    "distributor",
    "state_warehouse",
    "pharmacy_chain",
    "professional_society",
    "competitor",
    "our_company",
    "team",
)
TENDER_STATUSES: Final = (
    "planned",
    "announced",
    "clarification",
    "submitted",
    "evaluation",
    "awarded",
    "cancelled",
)
TENDER_PROCEDURES: Final = ("open", "restricted", "negotiated", "framework", "direct_award")
TENDER_OUTCOMES: Final = ("won", "lost", "partial", "cancelled")
DMU_TYPES: Final = ("boss", "people", "finance", "technical")
# Event kinds: the field guides' five places where relationships grow
# (congress, round table, exhibition, a corporate event of ours, an informal gathering),
# then the older codes, kept so that existing data stays valid.
EVENT_KINDS: Final = (
    "congress",
    "round_table",
    "exhibition",
    "corporate",
    "informal",
    "advisory_board",
    "symposium",
    "webinar",
)
INTERACTION_KINDS: Final = ("visit", "call", "informal", "email", "meeting", "proposal")
USER_ROLES: Final = ("kam", "lead", "admin", "compliance")
# The interface's languages (gettext catalogues in kamgraph/translations/), English first:
# the field guides' Albanian, Finnish, Italian, Russian and Thai.
LOCALES: Final = ("en", "sq", "fi", "it", "ru", "th")
# How dates are written: the Gregorian calendar, or the Thai solar (Buddhist era) year.
CALENDARS: Final = ("gregorian", "buddhist")
# Compliance officers read the privacy bookkeeping and the audit, never sensitive fields.
COMPLIANCE_ROLES: Final = ("admin", "compliance")
# The roles that see every dossier's sensitive fields and assign covers to others.
LEAD_ROLES: Final = ("lead", "admin")
KNOWS_KINDS: Final = (
    "family",
    "friend",
    "colleague",
    "former_colleague",
    "mentor",
    "co_author",
    "rival",
)
TENDER_ROLES: Final = (
    "decision_maker",
    "budget_holder",
    "evaluator",
    "specifier",
    "gatekeeper",
    "user",
    "approver",
)
# From most to least favourable to us.
STANCES: Final = ("champion", "supporter", "neutral", "sceptic", "blocker")
# The relationship ladder, lowest rung first.
COVERAGE_STAGES: Final = ("contact", "acquaintance", "loyalty", "near_friendship")
# What team coverage flags about a key person (kamgraph.analytics.coverage).
COVERAGE_FLAGS: Final = ("uncovered", "stale", "single-threaded")
# What the audit trail records a user doing (kamgraph.repository.audit); the pages word
# them in kamgraph.terms.
AUDIT_ACTIONS: Final = (
    "view",
    "search",
    "pick",
    "create",
    "edit",
    "tie",
    "confirm cover",
    "log",
    "done",
    "undone",
    "plan meeting",
    "plan step",
    "preferences",
    "informed",
    "transfer",
    "transfer approve",
    "transfer reject",
    "transfers export",
    "audit read",
    "audit prune",
    "calendar-token",
    "calendar-revoke",
    "calendar feed",
    "sign-in",
    "sign-in failed",
    "erase",
    "import",
    "export",
    "privacy report",
    "subject export",
    "user add",
    "user enable",
    "user disable",
    "user passwd",
    # Deputies and handovers.
    "deputy name",
    "deputy end",
    "handover",
    "merge",  # two records of one person made one
    "duplicate dismiss",  # a pair of possible duplicates found to be two people
    "duplicate restore",  # ...and that taken back
    # The JSON API: tokens made and revoked, lists read through it.
    "api-token",
    "api-revoke",
    "api list",
)
# A tender's support forecast from its DMU's balance (kamgraph.analytics.power).
FORECASTS: Final = ("likely to support", "contested", "likely to oppose")
COMPETITOR_TIES: Final = ("advisor", "speaker", "investigator", "consultant")
# A tender is open until it is awarded or cancelled (DMU roles in it then matter).
CLOSED_TENDER_STATUSES: Final = ("awarded", "cancelled")
OPEN_TENDER_STATUSES: Final = tuple(s for s in TENDER_STATUSES if s not in CLOSED_TENDER_STATUSES)
# Transfers of value (docs/transfers.md): what was given, and where a transfer stands.
TRANSFER_KINDS: Final = (
    "meal",
    "gift",
    "honorarium",
    "travel",
    "registration_fee",
    "sponsorship",
)
# "blocked" is never stored: a blocked transfer is refused (the word is for messages).
TRANSFER_STATUSES: Final = ("recorded", "pending", "approved", "rejected")
# The statuses of transfers that were (or may yet be) given, and so count against caps.
TRANSFER_STATUSES_GIVEN: Final = ("recorded", "pending", "approved")


@dataclass(frozen=True)
class Birthday:
    """A birthday whose year may be unknown (people rarely tell it)."""

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        # Validates the day against the month; 29 February is allowed without a year.
        date(self.year or 2000, self.month, self.day)

    def __str__(self) -> str:
        return (
            f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
            if self.year
            else (f"--{self.month:02d}-{self.day:02d}")
        )

    @property
    def month_name(self) -> str:
        """The month's name, e.g. 'March' (the birth date's own, not the next celebration's)."""
        return calendar.month_name[self.month]

    @property
    def month_day(self) -> str:
        """'MM-DD', the indexed form used to find upcoming birthdays."""
        return f"{self.month:02d}-{self.day:02d}"


def display_name(
    titles: Sequence[str], given_name: str, patronymic: str | None, family_name: str
) -> str:
    """A person's full name: titles, given name, patronymic (if any), family name."""
    return " ".join([*titles, given_name, *([patronymic] if patronymic else []), family_name])


def sensitive(default: Any = None) -> Any:
    """A dataclass field holding sensitive personal data."""
    return field(default=default, metadata={"sensitive": True})


@dataclass(frozen=True)
class Person:
    """A decision maker, VIP, KOL or anyone in their circle; the dossier."""

    id: str
    given_name: str
    family_name: str
    patronymic: str | None = None  # Russian: Пётр Ильич Семёнов, addressed as "Пётр Ильич"
    nickname: str | None = None  # Thai: the ชื่อเล่น colleagues address each other by
    titles: tuple[str, ...] = ()
    specialty: str | None = None
    languages: tuple[str, ...] = ()
    email: str | None = None
    phone: str | None = None
    preferred_channel: str | None = None
    birthday: Birthday | None = None
    hobbies: tuple[str, ...] = ()
    family: tuple[str, ...] = sensitive(())
    values: tuple[str, ...] = sensitive(())
    dmu_type: str | None = None
    communication: str | None = None
    notes: str | None = sensitive()
    region: str | None = None
    source: str = "manual"
    lawful_basis: str = "legitimate_interest"
    collected_on: date | None = None  # GDPR Art. 14: told within a month of this
    informed_on: date | None = None
    retain_until: date | None = None
    # Stakeholder segments: see SEGMENTS and contact_boundary() below.
    segments: tuple[str, ...] = ()
    kol_tier: str | None = None
    kol_reach: int | None = None  # followers or publications
    contact_every_days: int | None = None  # blank: the segment's default
    version: int = 1

    @property
    def name(self) -> str:
        """Display name with titles, in the order the culture uses: 'Prof. Dr. Ada Rowan',
        'Пётр Ильич Семёнов' (the patronymic between given and family name)."""
        return display_name(self.titles, self.given_name, self.patronymic, self.family_name)

    @property
    def address(self) -> str:
        """How to address them: by name and patronymic ('Пётр Ильич'), by nickname (a
        Thai colleague's ชื่อเล่น), by title and family name ('Prof. Rowan'), or by
        given name."""
        if self.patronymic:
            return f"{self.given_name} {self.patronymic}"
        if self.nickname:
            return self.nickname
        if self.titles:
            return f"{self.titles[-1]} {self.family_name}"
        return self.given_name


@dataclass(frozen=True)
class Organization:
    """A hospital, department, ministry, committee, distributor, competitor, our company, ..."""

    id: str
    name: str
    kind: str
    short_name: str | None = None
    parent_id: str | None = None  # PART_OF
    region: str | None = None
    city: str | None = None
    annual_sales: float | None = None  # our sales to this account, per year (EUR)
    is_key_account: bool = False
    country: str | None = None  # ISO 3166 alpha-2; which transfer-of-value rules apply
    source: str = "manual"
    version: int = 1


@dataclass(frozen=True)
class Product:
    """Ours or a competitor's: brand and INN, made by an organization."""

    id: str
    name: str
    inn: str
    company_id: str  # MADE_BY
    source: str = "manual"


@dataclass(frozen=True)
class Lot:
    """One lot of a tender: a product or INN, a volume, a value."""

    id: str
    tender_id: str
    number: int
    inn: str
    volume: int | None = None
    unit: str | None = None
    value: float | None = None  # EUR


@dataclass(frozen=True)
class Tender:
    """A public procurement, after the Open Contracting Data Standard's tender."""

    id: str
    title: str
    buyer_id: str  # ISSUED_BY
    status: str
    procedure: str = "open"
    reference: str | None = None
    announced_on: date | None = None
    clarification_deadline: date | None = None
    submission_deadline: date | None = None
    award_date: date | None = None
    contract_start: date | None = None
    specification_notes: str | None = None
    outcome: str | None = None
    source: str = "manual"
    version: int = 1


@dataclass(frozen=True)
class Event:
    """A congress, round table, exhibition, corporate or informal event (or an advisory
    board, symposium or webinar) that people attend or speak at."""

    id: str
    name: str
    kind: str
    starts_on: date
    ends_on: date | None = None
    city: str | None = None
    source: str = "manual"


@dataclass(frozen=True)
class Interaction:
    """A visit, call, meeting, email or proposal, with what was promised and what comes next."""

    id: str
    date: date
    kind: str
    user_id: str  # BY: the KAM who logged it
    participant_ids: tuple[str, ...] = ()  # WITH
    notes: str | None = None
    commitments: str | None = None
    next_step: str | None = None
    due_date: date | None = None
    done: bool = False  # the next step is done / the proposal was confirmed
    objective: str | None = None  # a planned meeting's objective and agenda (the brief)
    agenda: str | None = None
    source: str = "manual"


@dataclass(frozen=True)
class Transfer:
    """A transfer of value given to a person: a meal, gift, honorarium, travel,
    registration fee or sponsorship, with what the rules said and who decided."""

    id: str
    person_id: str  # TO
    kind: str
    amount: Decimal  # exact, in `currency`; stored as text and as minor units
    currency: str  # ISO 4217
    date: date
    given_by: str  # GIVEN_BY: the team member who gave it
    purpose: str | None = None
    event_id: str | None = None  # AT
    status: str = "recorded"
    findings: tuple[str, ...] = ()  # the rules' warnings and reasons, as sentences
    recorded_by: str | None = None
    recorded_at: datetime | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_note: str | None = None
    source: str = "manual"


@dataclass(frozen=True)
class User:
    """Someone on our team who signs in: a KAM, a team lead or an admin; also a graph node."""

    id: str
    email: str
    name: str
    role: str
    active: bool = True
    region: str | None = None
    # Raised by sign-out, a password change and disabling: every cookie issued under an
    # older epoch stops working (kamgraph/views/access.py).
    session_epoch: int = 0
    lang: str | None = None  # the interface's language (LOCALES); None: the browser's
    calendar: str = "gregorian"  # how dates are written: CALENDARS


@dataclass(frozen=True)
class Relationship:
    """One edge with its provenance and validity; `props` holds the type's own properties."""

    type: str
    from_id: str
    to_id: str
    props: dict[str, Any] = field(default_factory=dict[str, Any])
    source: str = "manual"
    recorded_at: datetime | None = None
    recorded_by: str | None = None
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True, slots=True)
class Tie:
    """One relationship as the analyses read it from the store: the repository makes it,
    analytics/projection.py weighs it."""

    source: str
    target: str
    type: str
    kind: str | None = None  # KNOWS kind, the COVERS stage, or a co-attendance's event id
    value: float | None = None  # strength or weight
    seen: date | None = None  # latest of recorded_at and since
    until: date | None = None


def sensitive_fields(cls: type[Any]) -> frozenset[str]:
    """Names of the fields marked sensitive on a dataclass."""
    return frozenset(f.name for f in dataclasses.fields(cls) if f.metadata.get("sensitive"))


# Stakeholder segments, contact boundaries, dossier completeness.

# What a person is to us (people.csv `segments`, many): a VIP (power, money, status), a KOL
# (with a tier and a reach), a public official (compliance), a member of a client's DMU, or
# a downstream prescriber or pharmacist.
SEGMENTS: Final = ("vip", "kol", "official", "dmu_member", "prescriber", "pharmacist")
KOL_TIERS: Final = ("national", "regional", "local")
# "Contact at least every N days" when a person's `contact_every_days` is blank: the
# strictest (smallest) default among their segments; a KOL's by tier (a KOL without a tier
# counts as local). The field guides reject visit quotas: these are boundaries, not targets.
CONTACT_EVERY_DEFAULT: Final = 90  # anyone else (the old fixed "stale" rule)
CONTACT_EVERY_BY_SEGMENT: Final[dict[str, int]] = {
    "vip": 30,
    "dmu_member": 30,
    "official": 90,
    "prescriber": 60,
    "pharmacist": 60,
}
CONTACT_EVERY_BY_KOL_TIER: Final[dict[str, int]] = {"national": 45, "regional": 60, "local": 90}


def contact_boundary(segments: Sequence[str], kol_tier: str | None, every: int | None) -> int:
    """Days a person may go without contact before coverage calls them stale.

    Their own `contact_every_days` if set, else the strictest default of their segments.

    >>> contact_boundary((), None, None), contact_boundary(("vip", "kol"), "national", None)
    (90, 30)
    >>> contact_boundary(("kol",), "regional", None), contact_boundary(("vip",), None, 14)
    (60, 14)
    """
    if every is not None:
        return every
    found = [CONTACT_EVERY_BY_SEGMENT[s] for s in segments if s in CONTACT_EVERY_BY_SEGMENT]
    if "kol" in segments:
        found.append(CONTACT_EVERY_BY_KOL_TIER.get(kol_tier or "local", CONTACT_EVERY_DEFAULT))
    return min(found, default=CONTACT_EVERY_DEFAULT)


# The standard dossier fields a KAM should know of every DMU member (the field guides:
# "complete data on all DMU members": birthdays, hobbies, family members, values, plus
# what moves them and where they stand), as services/completeness.py counts them.
DOSSIER_FIELDS: Final = (
    "birthday",
    "hobbies",
    "family",
    "values",
    "communication",
    "dmu_type",
    "stance",
    "stage",
)


# A relationship plan per VIP/KOL (the field guides' "every VIP is a
# project"): a goal, a target stage on the ladder by a date, a budget, an owner and steps.
PERSON_PLAN_STATUSES: Final = ("active", "achieved", "dropped")


@dataclass(frozen=True)
class PersonPlan:
    """A relationship plan for one person: the lead sets goal, target, budget and owner."""

    id: str
    person_id: str  # PLAN_FOR
    owner_id: str  # PLAN_OWNER: the KAM who works it
    goal: str
    target_stage: str  # COVERAGE_STAGES
    target_date: date | None = None
    budget: Decimal | None = None  # exact, in `currency`; stored as text
    currency: str | None = None  # ISO 4217
    status: str = "active"  # PERSON_PLAN_STATUSES
    source: str = "manual"
    version: int = 0


@dataclass(frozen=True)
class PersonPlanStep:
    """A step of a relationship plan: the owner adds, dates and completes it, with the
    interactions that did it."""

    id: str
    plan_id: str  # STEP_OF
    what: str
    due_date: date | None = None
    done: bool = False
    interaction_ids: tuple[str, ...] = ()  # DONE_IN
    source: str = "manual"
    version: int = 0


# Sales and account plans.

KEY_ACCOUNT_MIN_SHARE: Final = 0.10  # a key account brings at least 10% of our sales
KEY_ACCOUNTS_NORMAL: Final = (0.30, 0.55)  # key accounts together: 30-55% of sales is normal
MONO_DEPENDENCY_SHARE: Final = 0.75  # above 75% of sales is a mono-dependency
SALES_CURRENCY: Final = "EUR"  # the currency the key-account rules count (as annual_sales)


@dataclass(frozen=True)
class AccountPlan:
    """The plan for one key account: objectives, share of wallet, owner (sales are `Sale`s)."""

    id: str
    account_id: str  # FOR_ACCOUNT
    owner_id: str | None = None  # OWNED_BY: a team member
    objectives: tuple[str, ...] = ()
    category: str | None = None  # what the share of wallet is measured in
    wallet_year: int | None = None  # the year of `wallet`
    wallet: float | None = None  # the account's purchases in the category that year, EUR
    source: str = "manual"
    version: int = 1


# Proposals: a proposal to an account, its arguments per DMU member, and the follow-up
# sequence generated when it is sent.
PROPOSAL_STATUSES: Final = ("draft", "sent", "negotiating", "won", "lost")
# Still in play: the follow-up steps of these show on My week.
OPEN_PROPOSAL_STATUSES: Final = ("sent", "negotiating")
# The follow-up sequence, in order: call the day after sending, agree the next steps, and
# the decision date fixed before the proposal's validity ends (create urgency).
PROPOSAL_STEP_KINDS: Final = ("call", "next_steps", "decision")


@dataclass(frozen=True)
class Proposal:
    """A proposal to an account (organization), optionally answering a tender."""

    id: str
    title: str
    account_id: str  # PROPOSED_TO
    status: str = "draft"
    tender_id: str | None = None  # ANSWERS
    author_ids: tuple[str, ...] = ()  # AUTHORED_BY: team members
    valid_until: date | None = None
    benefits: str | None = None
    reason: str | None = None  # why it was won or lost (required when lost)
    sent_on: date | None = None
    decision_date: date | None = None
    source: str = "manual"
    version: int = 1


@dataclass(frozen=True)
class ProposalStep:
    """A dated commitment of a sent proposal's follow-up sequence."""

    id: str
    proposal_id: str  # STEP_OF
    kind: str  # PROPOSAL_STEP_KINDS
    due: date
    done: bool = False
    done_on: date | None = None


# --- history: what changed in the network ----------------------------------------------

# The ties whose past is kept, each with the properties whose changes the change log
# records (cypher/bundle/upsert_relationships.cypher writes a :Change for each, and one for
# every tie created). A person's events are her history (she attended or spoke at a
# congress); a team member's account (MANAGES) and a tender's products (FOR) are not a
# person's, and are not logged.
HISTORY_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "WORKS_AT": ("title", "department", "is_current", "since", "until"),
    "MEMBER_OF": ("role", "since", "until"),
    "REPORTS_TO": ("since", "until"),
    "KNOWS": ("kind", "strength", "until"),
    "INFLUENCES": ("weight", "topic", "until"),
    "ROLE_IN": ("role", "stance", "until"),
    "COVERS": ("stage", "until"),
    "TIES_TO": ("kind", "until"),
    "ATTENDED": ("until",),
    "SPOKE_AT": ("topic", "until"),
}
HISTORY_TIES: Final = tuple(HISTORY_FIELDS)
# What happened to a record: a tie created, a tie or a person's field changed, a tie ended
# (its `until` set, or a job no longer current), a duplicate merged into the person.
CHANGE_KINDS: Final = ("created", "changed", "ended", "merged")
# Ties on a person's timeline but not on What changed: a congress's attendance is many
# ties at once and says little alone (an event page lists it); a talk does go there.
TIMELINE_ONLY_TIES: Final = ("ATTENDED",)
# A person's own fields are logged under this type (services/editing's person edits).
PERSON_CHANGE: Final = "Person"
CHANGE_TYPES: Final = (*HISTORY_TIES, PERSON_CHANGE)  # what a change-log entry is about
# Stances that count as ours, and where a lost champion goes.
FRIENDLY_STANCES: Final = ("champion", "supporter")
UNFRIENDLY_STANCES: Final = ("neutral", "sceptic", "blocker")
# An influence rank move worth reporting: this many places, within the top RANK_MOVE_TOP.
RANK_MOVE_PLACES: Final = 10
RANK_MOVE_TOP: Final = 200
# The rank a move is measured from is kept for this many days (analyze refresh).
RANK_BASELINE_DAYS: Final = 7
CHANGES_DEFAULT_DAYS: Final = 7  # What changed, by default: the last week
