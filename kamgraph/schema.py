"""The bundle format: every table, its columns and types, and the rules for relationships.

One source of truth for the import's validation, the export's column order,
and docs/import-format.md (a unit test checks the document lists every column).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Final, LiteralString, Protocol

from kamgraph import fields as f
from kamgraph import models
from kamgraph.i18n import N_, Message

Parser = Callable[[Any], Any]


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
    # Checks across a row's typed cells: each returns (column, message) for a problem.
    row_rules: tuple[Callable[[dict[str, Any]], tuple[str, str] | None], ...] = ()

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


def one_of(choices: tuple[str, ...]) -> Parser:
    def parse(value: Any) -> str:
        return f.choice(value, choices)

    parse.__doc__ = f"one of {', '.join(choices)}"
    return parse


def _id(table: str = "") -> Column:
    return Column(
        "id", f.ident, required=True,
        help=f"stable unique id of the {table or 'record'}: letters, digits, - _ .",
    )  # fmt: skip


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
        VERSION,
    ),
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
    ),
    links=(Link("user_id", "BY", "User"), Link("participant_ids", "WITH", "Person")),
)  # fmt: skip

# --- proposals (issue 16, slice `proposals`) ---


def _lost_needs_reason(row: dict[str, Any]) -> tuple[str, str] | None:
    if row.get("status") == "lost" and not row.get("reason"):
        return "reason", Message(N_("a lost proposal needs the reason it was lost"))
    return None


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
    row_rules=(_lost_needs_reason,),
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

NODE_TABLES: Final = (
    ORGANIZATIONS, USERS, PEOPLE, PRODUCTS, EVENTS, TENDERS, LOTS, INTERACTIONS,
    PROPOSALS, PROPOSAL_ARGUMENTS, PROPOSAL_STEPS,
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
                         optional=("strength",)),
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
