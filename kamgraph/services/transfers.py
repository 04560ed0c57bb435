"""Transfers of value: record one after the rules' check, decide a pending one, and the
yearly totals per person in the shape of an EFPIA disclosure report (docs/transfers.md)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import neo4j

from kamgraph import terms, transfer_rules
from kamgraph.errors import FieldInvalid, Forbidden, Invalid, NotFound
from kamgraph.i18n import N_, Sentences
from kamgraph.models import COMPLIANCE_ROLES, LEAD_ROLES, TRANSFER_KINDS, Transfer, User
from kamgraph.repository import transfers as transfers_repo
from kamgraph.services import references
from kamgraph.services import scope as scopes
from kamgraph.transfer_rules import Finding, Rules

MAX_PURPOSE = 1000
MAX_NOTE = 2000

# The disclosure report's columns (EFPIA's template for a person), and which kinds of
# transfer each one sums. Gifts to a person are barred by the EFPIA Code; if any were
# recorded they show under donations, where a reader will notice them.
EFPIA_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Donations and grants", ("gift",)),
    ("Contribution to costs of events: sponsorship agreements", ("sponsorship",)),
    ("Contribution to costs of events: registration fees", ("registration_fee",)),
    (
        "Contribution to costs of events: travel, accommodation and hospitality (meals)",
        ("travel", "meal"),
    ),
    ("Fee for service and consultancy: fees", ("honorarium",)),
)
REPORT_HEADER = (
    "Person",
    "Organization",
    "Country",
    "kamgraph id",
    *(name for name, _ in EFPIA_COLUMNS),
    "Total",
    "Currency",
    "Transfers",
)
# What the report counts: given, and not waiting for or refused approval.
REPORTED_STATUSES = ("recorded", "approved")
# Who reads the whole ledger: compliance and admins (the report, the queue), and leads
# (their team's spending). A KAM reads what she gave, and what a dossier shows.
LEDGER_ROLES = tuple(dict.fromkeys((*COMPLIANCE_ROLES, *LEAD_ROLES)))


@dataclass(frozen=True)
class LedgerPage:
    """The ledger as one reader sees it: `everyone`'s transfers or only those they gave,
    limited to the people their scope reads, newest first."""

    entries: list[transfers_repo.Entry]
    everyone: bool
    may_decide: bool


def ledger_page(session: neo4j.Session, scope: scopes.Scope, reader: User) -> LedgerPage:
    """The ledger: everything, for compliance, admins and leads; what they gave, for a KAM;
    a lead sees her team's scope, a KAM hers."""
    everyone = reader.role in LEDGER_ROLES
    entries = transfers_repo.ledger(session, given_by=None if everyone else reader.id)
    return LedgerPage(_readable(session, scope, entries), everyone, reader.role in COMPLIANCE_ROLES)


@dataclass(frozen=True)
class QueuePage:
    """The approval queue: pending transfers, oldest first."""

    entries: list[transfers_repo.Entry]


def queue_page(session: neo4j.Session, scope: scopes.Scope) -> QueuePage:
    """The transfers waiting for a compliance officer's decision, oldest first."""
    pending = transfers_repo.ledger(session, status="pending")
    return QueuePage(list(reversed(_readable(session, scope, pending))))


def _readable(
    session: neo4j.Session, scope: scopes.Scope, entries: list[transfers_repo.Entry]
) -> list[transfers_repo.Entry]:
    if scope.everything:
        return entries
    allowed = scopes.readable(session, scope, "person", [e.transfer.person_id for e in entries])
    return [e for e in entries if e.transfer.person_id in allowed]


@dataclass(frozen=True)
class FormPage:
    """What the transfer form starts from: who it was given to, as the picker labels them
    ('' for none)."""

    person: str


def form_page(session: neo4j.Session, scope: scopes.Scope, person_id: str) -> FormPage:
    """The form's data; `person_id` (from a dossier's link) becomes its label."""
    label = references.label_of(session, scope, "person", person_id) if person_id else ""
    return FormPage(label)


class Blocked(Invalid):
    """The rules refuse this transfer; nothing was stored."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        reasons = Sentences(f.sentence for f in findings if f.level == "block")
        super().__init__(N_("Not recorded: %(reasons)s Nothing was stored."), reasons=reasons)


@dataclass(frozen=True)
class Recorded:
    """A transfer after its check: stored (or found stored, `created` False), with findings."""

    transfer: Transfer
    findings: list[Finding]
    created: bool


def check(
    session: neo4j.Session, rules: Rules, person_id: str, draft: transfer_rules.Draft
) -> list[Finding]:
    """What the rules say about giving `draft` to the person; NotFound if no such person."""
    facts = transfers_repo.facts(session, person_id, draft.date)
    if facts is None:
        raise NotFound(f"person: no person with id {person_id!r}")
    return transfer_rules.check(rules, facts, draft)


def validated(
    *, kind: str, amount: str | Decimal, currency: str, purpose: str | None
) -> tuple[str, Decimal, str, str | None]:
    """The kind, amount, currency and purpose checked; Invalid naming the field if not."""
    kind = kind.strip().lower().replace(" ", "_").replace("-", "_")
    if kind not in TRANSFER_KINDS:
        raise FieldInvalid(
            "kind",
            N_("%(value)s is not a kind of transfer; the kinds are %(kinds)s."),
            value=repr(kind),
            kinds=tuple(terms.word("transfer kind", k) for k in TRANSFER_KINDS),
        )
    currency = currency.strip().upper()
    if len(currency) != 3 or not transfer_rules.is_currency(currency):
        raise FieldInvalid(
            "currency",
            N_("%(value)s is not an ISO 4217 currency code, such as EUR, USD or ALL."),
            value=repr(currency),
        )
    if isinstance(amount, Decimal):
        value = transfer_rules.parse_amount(str(amount), currency)
    else:
        value = transfer_rules.parse_amount(amount, currency)
    purpose = (purpose or "").strip() or None
    if purpose is not None and len(purpose) > MAX_PURPOSE:
        raise FieldInvalid("purpose", N_("At most %(most)s characters."), most=MAX_PURPOSE)
    return kind, value, currency, purpose


def record(
    session: neo4j.Session, rules: Rules, transfer: Transfer, *, by: str, at: datetime
) -> Recorded:
    """Check `transfer` and store it: refused (Blocked, nothing stored) if a rule blocks
    it, pending approval if a rule asks for it, else recorded; the findings go with it."""
    kind, amount, currency, purpose = validated(
        kind=transfer.kind,
        amount=transfer.amount,
        currency=transfer.currency,
        purpose=transfer.purpose,
    )
    draft = transfer_rules.Draft(kind, amount, currency, transfer.date)
    findings = check(session, rules, transfer.person_id, draft)
    level = transfer_rules.outcome(findings)
    if level == "block":
        raise Blocked(findings)
    stored = replace(
        transfer,
        kind=kind,
        amount=amount,
        currency=currency,
        purpose=purpose,
        status="pending" if level == "approval" else "recorded",
        findings=tuple(f.sentence for f in findings),
        recorded_by=by,
        recorded_at=at,
    )
    created = transfers_repo.create(session, stored)
    return Recorded(stored, findings, created)


def decide(
    session: neo4j.Session,
    transfer_id: str,
    *,
    approve: bool,
    note: str,
    user_id: str,
    at: datetime,
) -> str:
    """Approve or reject a pending transfer with a note; returns the new status. Nobody
    decides on a transfer they gave themselves."""
    note = note.strip()
    if not note:
        raise FieldInvalid("note", N_("Say in a sentence why; the note is kept with the decision."))
    if len(note) > MAX_NOTE:
        raise FieldInvalid("note", N_("At most %(most)s characters."), most=MAX_NOTE)
    found = transfers_repo.get(session, transfer_id)
    if found is None:
        raise NotFound(N_("There is no transfer %(id)s."), id=repr(transfer_id))
    if found.transfer.given_by == user_id:
        raise Forbidden(N_("You gave this transfer yourself: another compliance officer decides."))
    return transfers_repo.decide(
        session, transfer_id, approve=approve, user_id=user_id, at=at, note=note
    )


def year_report(session: neo4j.Session, year: int) -> list[list[Any]]:
    """The disclosure report for `year`: a row per person and currency, the amounts
    (Decimal) in EFPIA's columns, the total, and how many transfers it sums."""
    rows = transfers_repo.totals(session, date(year, 1, 1), date(year, 12, 31), REPORTED_STATUSES)
    people: dict[tuple[str, str], _Line] = {}
    for row in rows:
        line = people.setdefault((row.person_id, row.currency), _Line(row))
        line.by_kind[row.kind] = row.amount
        line.count += row.n
    report: list[list[Any]] = []
    for (person_id, currency), line in people.items():
        sums = [
            sum((line.by_kind.get(k, Decimal(0)) for k in kinds), Decimal(0))
            for _, kinds in EFPIA_COLUMNS
        ]
        total = sum(sums, Decimal(0))
        report.append(
            [
                line.first.person,
                line.first.organization or "",
                line.first.country or "",
                person_id,
                *sums,
                total,
                currency,
                line.count,
            ]
        )
    return report


@dataclass
class _Line:
    """A person's line of the report in one currency, as it adds up: the first total read
    (names the person), the sums by kind, and the count."""

    first: transfers_repo.Total
    by_kind: dict[str, Decimal] = field(default_factory=dict[str, Decimal])
    count: int = 0


def watermark(who: str, at: datetime, year: int, rows: int) -> str:
    """The line every export starts with: who exported it and when."""
    return (
        f"Confidential: transfers of value {year}, {rows:,} rows; exported by {who} on "
        f"{at:%Y-%m-%d %H:%M} UTC from kamgraph"
    )


def export_bytes(report: list[list[Any]], fmt: str, *, mark: str, delimiter: str = ",") -> bytes:
    """The report as a CSV (UTF-8 with a byte-order mark, `delimiter`) or XLSX file whose
    first line is the watermark `mark`; amounts are exact (text in CSV, numbers in XLSX)."""
    from kamgraph.fields import neutralised  # noqa: PLC0415 - only exports need it

    if fmt == "csv":
        import csv  # noqa: PLC0415
        import io  # noqa: PLC0415

        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow([mark])
        writer.writerow(REPORT_HEADER)
        decimal_comma = delimiter == ";"
        for line in report:
            writer.writerow(
                [
                    _csv_cell(v, decimal_comma) if not isinstance(v, str) else neutralised(v)
                    for v in line
                ]
            )
        return out.getvalue().encode("utf-8")
    if fmt == "xlsx":
        import io  # noqa: PLC0415

        from openpyxl import Workbook  # noqa: PLC0415

        book = Workbook(write_only=True)
        sheet = book.create_sheet("Transfers of value")
        sheet.append([mark])
        sheet.append(list(REPORT_HEADER))
        for line in report:
            sheet.append([neutralised(v) if isinstance(v, str) else v for v in line])
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    raise Invalid(f"format: {fmt!r} is not csv or xlsx")


def _csv_cell(value: Any, decimal_comma: bool) -> str:
    text = str(value)
    return text.replace(".", ",") if decimal_comma and isinstance(value, Decimal) else text
