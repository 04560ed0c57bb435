"""The bundle format: every table, its columns and types, and the rules for relationships.

One source of truth for the import's validation, the export's column order,
and docs/import-format.md (a unit test checks the document lists every column).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, LiteralString, Protocol

from kamgraph import fields as f
from kamgraph import models
from kamgraph.i18n import N_, Message

Parser = Callable[[Any], Any]
RowCheck = Callable[[Mapping[str, Any]], Iterable[tuple[str, Message]]]


@dataclass(frozen=True)
class Column:
    """One column: how to parse it, whether it is required, what it refers to."""

    name: str
    parse: Parser = f.text
    required: bool = False
    ref: str | None = None  # the table whose ids this column holds
    many: bool = False  # a list of ids (refs) or of values
    help: str = ""
    # Personal data that only some readers see (services/scope.py), kept out of the audit
    # trail's before/after values. It must agree with models.sensitive() on the dataclass
    # (tests/unit/test_import_format_doc.py holds the two together).
    sensitive: bool = False


@dataclass(frozen=True)
class Link:
    """A reference column stored as a relationship, e.g. organizations.parent_id -> PART_OF."""

    column: str
    type: LiteralString
    to_label: LiteralString


@dataclass(frozen=True)
class Table:
    """A node table: one file (people.csv) or sheet, one label."""

    name: str
    label: LiteralString
    columns: tuple[Column, ...]
    links: tuple[Link, ...] = ()
    # Checks across a row's typed cells: each yields (column, message) for what is wrong.
    checks: tuple[RowCheck, ...] = ()

    def problems(self, typed: Mapping[str, Any]) -> list[tuple[str, Message]]:
        """What the row checks find in a row's typed cells (blank cells are None; a column
        the row does not have is absent)."""
        return [found for check in self.checks for found in check(typed)]

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


def one_of(choices: tuple[str, ...]) -> Parser:
    def parse(value: Any) -> str:
        return f.choice(value, choices)

    parse.__doc__ = f"one of {', '.join(choices)}"
    return parse


def many_of(choices: tuple[str, ...]) -> Parser:
    """A list ('vip; kol') of `choices`, each as one_of reads it, without repeats."""

    def parse(value: Any) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.choice(item, choices) for item in f.items(value)))

    parse.__doc__ = f"any of {', '.join(choices)}"
    return parse


def at_least(minimum: int) -> Parser:
    """A whole number not below `minimum`."""

    def parse(value: Any) -> int:
        number = f.integer(value)
        if number < minimum:
            raise f.CellError(N_("%(value)s is below %(minimum)s"), value=number, minimum=minimum)
        return number

    parse.__doc__ = f"a whole number, at least {minimum}"
    return parse


def _kol_tier_needs_kol(typed: Mapping[str, Any]) -> Iterable[tuple[str, Message]]:
    """A KOL tier (or reach) on someone not in the kol segment is a mistake in the row.

    `typed` holds the columns a row has: without `segments` (a file that only sets tiers)
    the stored segments stand, and the row is not judged."""
    if "segments" not in typed:
        return
    for column in ("kol_tier", "kol_reach"):
        if typed.get(column) is not None and "kol" not in (typed.get("segments") or ()):
            yield column, Message(N_("only for a KOL: add kol to the segments, or leave it empty"))


def _id(table: str = "") -> Column:
    return Column(
        "id", f.ident, required=True,
        help=f"stable unique id of the {table or 'record'}: letters, digits, - _ .",
    )  # fmt: skip


# A reference to a record that does not exist, in an import or a form: a sentence per
# table (the noun takes another form in each language), and one for any other table.
UNKNOWN_ID: Final = {
    "people": N_("unknown person id %(id)s"),
    "organizations": N_("unknown organization id %(id)s"),
    "tenders": N_("unknown tender id %(id)s"),
    "products": N_("unknown product id %(id)s"),
    "users": N_("unknown user id %(id)s"),
    "events": N_("unknown event id %(id)s"),
    "interactions": N_("unknown interaction id %(id)s"),
}
UNKNOWN_ID_IN: Final = N_("no record of %(table)s has the id %(id)s")


def unknown_id(table: str, record_id: str) -> Message:
    """What a reference to `record_id` in `table`, which does not exist, says."""
    return Message(UNKNOWN_ID.get(table, UNKNOWN_ID_IN), id=repr(record_id), table=table)


SOURCE = Column("source", help=N_("where this came from (default: import)"))
VERSION = Column("version", f.integer, help=N_("edit counter; leave empty for new records"))

ORGANIZATIONS = Table(
    "organizations", "Organization",
    (
        _id("organization"),
        Column("name", required=True),
        Column("kind", one_of(models.ORGANIZATION_KINDS), required=True),
        Column("short_name"),
        Column("parent_id", ref="organizations", help=N_("the organization this is part of")),
        Column("region"),
        Column("city"),
        Column("annual_sales", f.number, help=N_("our sales to this account per year, EUR")),
        Column("is_key_account", f.boolean),
        Column("country", f.country,
               help=N_("ISO 3166 two-letter code, e.g. IT: which transfer-of-value rules apply")),
        SOURCE, VERSION,
    ),
    links=(Link("parent_id", "PART_OF", "Organization"),),
)  # fmt: skip

USERS = Table(
    "users", "User",
    (
        _id("user"),
        Column("email", required=True),
        Column("name", required=True),
        Column("role", one_of(models.USER_ROLES), required=True),
        Column("active", f.boolean, help=N_("false: may not sign in (default true)")),
        Column("region"),
    ),
)  # fmt: skip

PEOPLE = Table(
    "people", "Person",
    (
        _id("person"),
        Column("given_name", required=True),
        Column("family_name", required=True),
        Column("patronymic", help=N_("from the father's name, as in Russian: Ильич")),
        Column("nickname", help=N_("what colleagues call them, as a Thai ชื่อเล่น")),
        Column("titles", f.items, many=True, help=N_("e.g. Prof.; Dr.")),
        Column("specialty"),
        Column("languages", f.items, many=True),
        Column("email"),
        Column("phone"),
        Column("preferred_channel",
               help=N_("how they like to be reached: phone, email, in person")),
        Column("birthday", f.birthday, help=N_("31.12.1965, 1965-12-31, or 31.12. without year")),
        Column("hobbies", f.items, many=True),
        Column("family", f.items, many=True, help=N_("family members"), sensitive=True),
        Column("values", f.items, many=True, help=N_("values and motivations"), sensitive=True),
        Column("dmu_type", one_of(models.DMU_TYPES), help=N_("what moves them")),
        Column("communication", f.long_text, help=N_("communication preferences")),
        Column("notes", f.long_text, help=N_("personal notes"), sensitive=True),
        Column("region"),
        SOURCE,
        Column("lawful_basis", help=N_("GDPR basis (default legitimate_interest)")),
        Column("collected_on", f.day, help=N_("when we first recorded them (default: today)")),
        Column("informed_on", f.day, help=N_("when they were told we hold their data (Art. 14)")),
        Column("retain_until", f.day, help=N_("delete or review the dossier by this date")),
        # Stakeholder segments and contact boundaries.
        Column("segments", many_of(models.SEGMENTS), many=True,
               help=N_("any of vip; kol; official; dmu_member; prescriber; pharmacist")),
        Column("kol_tier", one_of(models.KOL_TIERS),
               help=N_("a KOL's reach: national, regional or local")),
        Column("kol_reach", at_least(0), help=N_("a KOL's followers or publications")),
        Column("contact_every_days", at_least(1),
               help=N_("contact at least every this many days (empty: the segment's default)")),
        VERSION,
    ),
    checks=(_kol_tier_needs_kol,),
)  # fmt: skip

PRODUCTS = Table(
    "products", "Product",
    (
        _id("product"),
        Column("name", required=True, help=N_("brand")),
        Column("inn", required=True, help=N_("international non-proprietary name")),
        Column("company_id", required=True, ref="organizations", help=N_("the maker")),
        SOURCE,
    ),
    links=(Link("company_id", "MADE_BY", "Organization"),),
)  # fmt: skip

EVENTS = Table(
    "events", "Event",
    (
        _id("event"),
        Column("name", required=True),
        Column("kind", one_of(models.EVENT_KINDS), required=True),
        Column("starts_on", f.day, required=True),
        Column("ends_on", f.day),
        Column("city"),
        SOURCE,
    ),
)  # fmt: skip

TENDERS = Table(
    "tenders", "Tender",
    (
        _id("tender"),
        Column("title", required=True),
        Column("buyer_id", required=True, ref="organizations", help=N_("the issuing organization")),
        Column("status", one_of(models.TENDER_STATUSES), required=True),
        Column("procedure", one_of(models.TENDER_PROCEDURES)),
        Column("reference", help=N_("the buyer's procurement number")),
        Column("announced_on", f.day),
        Column("clarification_deadline", f.day),
        Column("submission_deadline", f.day),
        Column("award_date", f.day),
        Column("contract_start", f.day),
        Column("specification_notes", f.long_text),
        Column("outcome", one_of(models.TENDER_OUTCOMES)),
        SOURCE, VERSION,
    ),
    links=(Link("buyer_id", "ISSUED_BY", "Organization"),),
)  # fmt: skip

LOTS = Table(
    "lots", "Lot",
    (
        _id("lot"),
        Column("tender_id", required=True, ref="tenders"),
        Column("number", f.integer, required=True),
        Column("inn", required=True, help=N_("product or INN asked for")),
        Column("volume", f.integer),
        Column("unit", help=N_("packs, vials, ...")),
        Column("value", f.number, help=N_("EUR")),
    ),
    links=(Link("tender_id", "LOT_OF", "Tender"),),
)  # fmt: skip

INTERACTIONS = Table(
    "interactions", "Interaction",
    (
        _id("interaction"),
        Column("date", f.day, required=True),
        Column("kind", one_of(models.INTERACTION_KINDS), required=True),
        Column("user_id", required=True, ref="users", help=N_("the KAM who logged it")),
        Column("participant_ids", f.items, ref="people", many=True, help=N_("people met; a;b")),
        Column("notes", f.long_text),
        Column("commitments", f.long_text, help=N_("what we promised")),
        Column("next_step"),
        Column("due_date", f.day, help=N_("when the next step is due")),
        Column("done", f.boolean, help=N_("next step done, or proposal confirmed")),
        Column("objective", f.long_text, help=N_("a planned meeting's objective")),
        Column("agenda", f.long_text, help=N_("a planned meeting's agenda")),
        SOURCE,
        Column("follow_up_id", ref="users",
               help=N_("the colleague it was handed to, who follows up its next step "
                       "(empty: its KAM)")),
    ),
    links=(
        Link("user_id", "BY", "User"),
        Link("participant_ids", "WITH", "Person"),
        Link("follow_up_id", "FOLLOW_UP_BY", "User"),
    ),
)  # fmt: skip

# A relationship plan per VIP/KOL, and its steps.
PERSON_PLANS = Table(
    "person_plans", "PersonPlan",
    (
        _id("relationship plan"),
        Column("person_id", required=True, ref="people", help=N_("the VIP or KOL it is for")),
        Column("owner_id", required=True, ref="users", help=N_("the KAM who works it")),
        Column("goal", f.long_text, required=True, help=N_("what the relationship should bring")),
        Column("target_stage", one_of(models.COVERAGE_STAGES), required=True,
               help=N_("the ladder stage to reach")),
        Column("target_date", f.day, help=N_("by when")),
        Column("budget", f.amount, help=N_("what may be spent on it, e.g. 1200.50")),
        Column("currency", f.currency, help=N_("ISO 4217 code of the budget, e.g. EUR")),
        Column("status", one_of(models.PERSON_PLAN_STATUSES),
               help=N_("active (default), achieved or dropped")),
        SOURCE, VERSION,
    ),
    links=(Link("person_id", "PLAN_FOR", "Person"), Link("owner_id", "PLAN_OWNER", "User")),
)  # fmt: skip

PERSON_PLAN_STEPS = Table(
    "person_plan_steps", "PersonPlanStep",
    (
        _id("plan step"),
        Column("plan_id", required=True, ref="person_plans", help=N_("the relationship plan")),
        Column("what", required=True, help=N_("the step, e.g. invite to the advisory board")),
        Column("due_date", f.day, help=N_("when the step is due")),
        Column("done", f.boolean, help=N_("the step is done")),
        Column("interaction_ids", f.items, ref="interactions", many=True,
               help=N_("the interactions that did it; a;b")),
        SOURCE, VERSION,
    ),
    links=(
        Link("plan_id", "STEP_OF", "PersonPlan"),
        Link("interaction_ids", "DONE_IN", "Interaction"),
    ),
)  # fmt: skip

# Our sales per account, year and product; a plan per key account.


def year(value: Any) -> int:
    """A calendar year, 1900-2999."""
    found = f.integer(value)
    if not 1900 <= found <= 2999:
        raise f.CellError(N_("%(value)s is not a year"), value=repr(found))
    return found


SALES = Table(
    "sales", "Sale",
    (
        _id("sales row"),
        Column("account_id", required=True, ref="organizations",
               help=N_("the account (organization) we sold to")),
        Column("year", year, required=True, help=N_("the calendar year of the sales")),
        Column("product_id", ref="products",
               help=N_("the product sold; empty: several or unspecified products")),
        Column("amount", f.number, required=True, help=N_("our sales in that year")),
        Column("currency", f.currency,
               help=N_("ISO 4217 code (default EUR); the key-account rules count EUR")),
        SOURCE,
    ),
    links=(Link("account_id", "SOLD_TO", "Organization"),
           Link("product_id", "OF_PRODUCT", "Product")),
)  # fmt: skip

ACCOUNT_PLANS = Table(
    "account_plans", "AccountPlan",
    (
        _id("account plan"),
        Column("account_id", required=True, ref="organizations",
               help=N_("the key account this plan is for (one plan per account)")),
        Column("owner_id", ref="users", help=N_("the team member who owns the plan")),
        Column("objectives", f.items, many=True,
               help=N_("what we want to reach with the account; one; another")),
        Column("category", help=N_("what share of wallet is measured in, e.g. anticoagulants")),
        Column("wallet_year", year, help=N_("the year of the purchases figure")),
        Column("wallet", f.number,
               help=N_("the account's total purchases in the category in that year, EUR")),
        SOURCE, VERSION,
    ),
    links=(Link("account_id", "FOR_ACCOUNT", "Organization"), Link("owner_id", "OWNED_BY", "User")),
)  # fmt: skip

# Proposals to an account, their arguments per DMU member, their follow-up steps.


def _lost_needs_reason(typed: Mapping[str, Any]) -> Iterable[tuple[str, Message]]:
    """A lost proposal says why it was lost."""
    if typed.get("status") == "lost" and not typed.get("reason"):
        yield "reason", Message(N_("a lost proposal needs the reason it was lost"))


PROPOSALS = Table(
    "proposals", "Proposal",
    (
        _id("proposal"),
        Column("title", required=True),
        Column("account_id", required=True, ref="organizations",
               help=N_("the account (organization) it is made to")),
        Column("tender_id", ref="tenders", help=N_("the tender it answers, if any")),
        Column("author_ids", f.items, ref="users", many=True,
               help=N_("the team members who wrote it; a;b")),
        Column("valid_until", f.day, help=N_("the offer holds until this date")),
        Column("benefits", f.long_text, help=N_("what the account gains")),
        Column("status", one_of(models.PROPOSAL_STATUSES), required=True),
        Column("reason", f.long_text, help=N_("why it was won or lost (required when lost)")),
        Column("sent_on", f.day),
        Column("decision_date", f.day, help=N_("the date the account agreed to decide by")),
        SOURCE, VERSION,
    ),
    links=(
        Link("account_id", "PROPOSED_TO", "Organization"),
        Link("tender_id", "ANSWERS", "Tender"),
        Link("author_ids", "AUTHORED_BY", "User"),
    ),
    checks=(_lost_needs_reason,),
)  # fmt: skip

PROPOSAL_ARGUMENTS = Table(
    "proposal_arguments", "ProposalArgument",
    (
        _id("argument"),
        Column("proposal_id", required=True, ref="proposals"),
        Column("person_id", required=True, ref="people", help=N_("the DMU member it is for")),
        Column("argument", f.long_text, required=True,
               help=N_("what speaks to this member, by their DMU type")),
        SOURCE,
    ),
    links=(
        Link("proposal_id", "ARGUMENT_OF", "Proposal"),
        Link("person_id", "ADDRESSES", "Person"),
    ),
)  # fmt: skip

PROPOSAL_STEPS = Table(
    "proposal_steps", "ProposalStep",
    (
        _id("step"),
        Column("proposal_id", required=True, ref="proposals"),
        Column("kind", one_of(models.PROPOSAL_STEP_KINDS), required=True),
        Column("due", f.day, required=True),
        Column("done", f.boolean),
        Column("done_on", f.day),
        SOURCE,
    ),
    links=(Link("proposal_id", "STEP_OF", "Proposal"),),
)  # fmt: skip

# A deputy who stands in for an absent team member over a period (services/deputies.py).


def _deputy_period(typed: Mapping[str, Any]) -> Iterable[tuple[str, Message]]:
    """A deputyship ends on or after the day it starts, and names someone else."""
    starts_on, ends_on = typed.get("starts_on"), typed.get("ends_on")
    if starts_on is not None and ends_on is not None and ends_on < starts_on:
        yield "ends_on", Message(N_("The absence ends before it starts."))
    user_id = typed.get("user_id")
    if user_id is not None and user_id == typed.get("deputy_id"):
        yield "deputy_id", Message(N_("Name a colleague: nobody is her own deputy."))


DEPUTYSHIPS = Table(
    "deputyships", "Deputyship",
    (
        _id("deputyship"),
        Column("user_id", required=True, ref="users", help=N_("the team member who is away")),
        Column("deputy_id", required=True, ref="users",
               help=N_("who stands in: sees what the absent colleague sees, gets the follow-ups")),
        Column("starts_on", f.day, required=True, help=N_("the first day of the absence")),
        Column("ends_on", f.day, required=True, help=N_("the last day of the absence")),
        Column("named_by", help=N_("who named the deputy (a user id)")),
        Column("named_at", f.timestamp, help=N_("when the deputy was named")),
        Column("ended_at", f.timestamp,
               help=N_("when it was ended early (empty: it runs to its last day)")),
        Column("ended_by", help=N_("who ended it (a user id)")),
    ),
    links=(Link("user_id", "ABSENT", "User"), Link("deputy_id", "DEPUTY", "User")),
    checks=(_deputy_period,),
)  # fmt: skip

NODE_TABLES: Final = (
    ORGANIZATIONS, USERS, PEOPLE, PRODUCTS, EVENTS, TENDERS, LOTS, INTERACTIONS,
    PERSON_PLANS, PERSON_PLAN_STEPS, SALES, ACCOUNT_PLANS,
    PROPOSALS, PROPOSAL_ARGUMENTS, PROPOSAL_STEPS, DEPUTYSHIPS,
)  # fmt: skip
TABLES_BY_NAME: Final = {t.name: t for t in NODE_TABLES}


@dataclass(frozen=True)
class RelationshipRule:
    """What a relationships.csv row of one type may connect, and which properties it takes."""

    type: LiteralString
    from_table: str
    to_table: str
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    to_kind: str | None = None  # e.g. TIES_TO must point at a competitor
    help: str = ""
    # A symmetric tie (KNOWS) is one tie whichever end it is entered from: stored once, from
    # the smaller id to the larger (stored_ends), and matched in either direction.
    symmetric: bool = False
    from_label: LiteralString = field(init=False)
    to_label: LiteralString = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "from_label", TABLES_BY_NAME[self.from_table].label)
        object.__setattr__(self, "to_label", TABLES_BY_NAME[self.to_table].label)

    @property
    def props(self) -> tuple[str, ...]:
        return self.required + self.optional


RELATIONSHIP_RULES: Final = {
    rule.type: rule
    for rule in (
        RelationshipRule("WORKS_AT", "people", "organizations",
                         optional=("title", "department", "is_current")),
        RelationshipRule("MEMBER_OF", "people", "organizations", optional=("role",),
                         help=N_("committees and boards")),
        RelationshipRule("REPORTS_TO", "people", "people"),
        RelationshipRule("KNOWS", "people", "people", required=("kind",),
                         optional=("strength",), symmetric=True),
        RelationshipRule("INFLUENCES", "people", "people", required=("weight",),
                         optional=("topic", "evidence")),
        RelationshipRule("ROLE_IN", "people", "tenders", required=("role", "stance"),
                         optional=("stance_evidence",)),
        RelationshipRule("COVERS", "users", "people", required=("stage",),
                         help=N_("our team's relationship, on the ladder")),
        RelationshipRule("MANAGES", "users", "organizations",
                         help=N_("a key account this team member manages: it opens the account "
                                 "and its people to them")),
        RelationshipRule("TIES_TO", "people", "organizations", required=("kind",),
                         to_kind="competitor", help=N_("works for a competitor")),
        RelationshipRule("ATTENDED", "people", "events"),
        RelationshipRule("SPOKE_AT", "people", "events", optional=("topic",)),
        RelationshipRule("FOR", "tenders", "products", optional=("lot",),
                         help=N_("products bid or specified in the tender")),
    )
}  # fmt: skip


def stored_ends(rel_type: str, from_id: str, to_id: str) -> tuple[str, str]:
    """The ends a tie is stored with: a symmetric type's smaller id first, others as given.

    >>> stored_ends("KNOWS", "p-b", "p-a"), stored_ends("REPORTS_TO", "p-b", "p-a")
    (('p-a', 'p-b'), ('p-b', 'p-a'))
    """
    rule = RELATIONSHIP_RULES.get(rel_type)
    if rule is not None and rule.symmetric and to_id < from_id:
        return to_id, from_id
    return from_id, to_id


# Properties of relationships.csv rows; 'kind' differs by type (KNOWS vs TIES_TO).
RELATIONSHIP_PROPS: Final[dict[str, Parser]] = {
    "title": f.text,
    "department": f.text,
    "is_current": f.boolean,
    "role": f.text,  # ROLE_IN checks it against TENDER_ROLES
    "kind": f.text,  # KNOWS_KINDS or COMPETITOR_TIES, by type
    "strength": f.fraction,
    "weight": f.fraction,
    "topic": f.text,
    "evidence": f.long_text,
    "stance": one_of(models.STANCES),
    "stance_evidence": f.long_text,
    "stage": one_of(models.COVERAGE_STAGES),
    "lot": f.integer,
}
TYPED_BY_RULE: Final[dict[tuple[str, str], Parser]] = {
    ("KNOWS", "kind"): one_of(models.KNOWS_KINDS),
    ("TIES_TO", "kind"): one_of(models.COMPETITOR_TIES),
    ("ROLE_IN", "role"): one_of(models.TENDER_ROLES),
}

RELATIONSHIPS = Table(
    "relationships", "RELATIONSHIP",
    (
        Column("type", one_of(tuple(RELATIONSHIP_RULES)), required=True),
        Column("from_id", required=True),
        Column("to_id", required=True),
        *(Column(name, parser) for name, parser in RELATIONSHIP_PROPS.items()),
        SOURCE,
        Column("recorded_at", f.timestamp, help=N_("when we learned it (default: import time)")),
        Column("recorded_by", help=N_("who recorded it (default: import)")),
        Column("since", f.day),
        Column("until", f.day, help=N_("the tie ended on this date")),
    ),
)  # fmt: skip

ALL_TABLES: Final = (*NODE_TABLES, RELATIONSHIPS)


class Rows(Protocol):
    """Typed rows, table by table, as a write takes them."""

    def rows(self, table: str) -> Iterable[dict[str, Any]]: ...


@dataclass
class Bundle:
    """Typed rows by table (blank cells are None), ready to write or to export."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict[str, list[dict[str, Any]]])

    def rows(self, table: str) -> list[dict[str, Any]]:
        return self.tables.get(table, [])

    def count(self) -> int:
        return sum(len(rows) for rows in self.tables.values())
