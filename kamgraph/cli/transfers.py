"""`kamgraph transfers ...`: record a transfer of value, the disclosure report, the rules."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from kamgraph.cli._common import actor, connected_session, user_errors
from kamgraph.models import TRANSFER_KINDS

if TYPE_CHECKING:
    import neo4j


@click.group("transfers")
def transfers_group() -> None:
    """Transfers of value to healthcare professionals: the ledger, its rules, its report."""


@transfers_group.command("add")
@click.option("--person", required=True, help="Who received it: a name (or an id).")
@click.option("--kind", type=click.Choice(TRANSFER_KINDS), required=True)
@click.option("--amount", required=True, help="e.g. 85 or 85.50")
@click.option("--currency", default="EUR", show_default=True, help="ISO 4217 code.")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Default: today.")
@click.option("--event", help="The event it was given at: a name (or an id).")
@click.option("--purpose", help="What it was for, in a sentence.")
@click.option("--given-by", required=True, help="The colleague who gave it: a name (or an id).")
def transfers_add(
    person: str,
    kind: str,
    amount: str,
    currency: str,
    day: object,
    event: str | None,
    purpose: str | None,
    given_by: str,
) -> None:
    """Record a transfer after the rules' check: refused (exit 1, nothing stored) if a rule
    blocks it; pending approval if a rule asks for it; its warnings are printed and kept."""
    import uuid
    from datetime import datetime

    from kamgraph import clock, config, transfer_rules
    from kamgraph.models import Transfer
    from kamgraph.repository import audit
    from kamgraph.services import transfers as transfers_service

    on = day.date() if isinstance(day, datetime) else clock.today()
    transfer_id = f"tv-{uuid.uuid4().hex[:12]}"
    with connected_session() as session, user_errors():
        rules = transfer_rules.load(config.transfer_rules_file(config.from_env()))
        found_kind, value, code, purpose = transfers_service.validated(
            kind=kind, amount=amount, currency=currency, purpose=purpose
        )
        transfer = Transfer(
            id=transfer_id,
            person_id=_resolve(session, "person", person, "--person"),
            kind=found_kind,
            amount=value,
            currency=code,
            date=on,
            given_by=_resolve(session, "user", given_by, "--given-by"),
            event_id=_resolve(session, "event", event, "--event") if event else None,
            purpose=purpose,
        )
        with audit.audited(
            user_id=actor(), action="transfer", target_id=transfer_id, path="kamgraph transfers add"
        ):
            done = transfers_service.record(session, rules, transfer, by=actor(), at=clock.now())
    status = "pending approval" if done.transfer.status == "pending" else "recorded"
    click.echo(
        f"{transfer_id}: {kind.replace('_', ' ')} of {transfer_rules.money(value, code)} {status}"
    )
    for finding in done.findings:
        click.echo(f"  {finding.level}: {finding.sentence}")


def _resolve(session: neo4j.Session, kind: str, typed: str, option: str) -> str:
    """A typed name as an id; the error names the option."""
    from kamgraph.cli._common import actor
    from kamgraph.errors import Invalid
    from kamgraph.services import references
    from kamgraph.services import scope as scopes

    try:
        return references.resolve(session, scopes.command_line(actor()), kind, typed)
    except Invalid as error:
        raise Invalid(f"{option}: {error}") from None


@transfers_group.command("export")
@click.option("--year", type=click.IntRange(2000, 2100), help="Default: this year.")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True
)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    help="The file to write.",
)
@click.option(
    "--delimiter",
    type=click.Choice([",", ";"]),
    default=",",
    show_default=True,
    help="CSV only: ';' for spreadsheets that write decimals with a comma.",
)
def transfers_export(year: int | None, fmt: str, out: Path, delimiter: str) -> None:
    """The year's totals per person and category, in the shape of an EFPIA disclosure
    report (recorded and approved transfers), with a watermark line; audited."""
    from kamgraph import clock
    from kamgraph.repository import audit
    from kamgraph.services import transfers as transfers_service

    year = year or clock.today().year
    with connected_session() as session, user_errors():
        report = transfers_service.year_report(session, year)
        mark = transfers_service.watermark(actor(), clock.now(), year, len(report))
        data = transfers_service.export_bytes(report, fmt, mark=mark, delimiter=delimiter)
        out.write_bytes(data)
        audit.record(
            session,
            user_id=actor(),
            action="transfers export",
            target_id=f"transfers-{year}",
            path=f"kamgraph transfers export {out}",
            details={"format": fmt, "rows": len(report), "year": year},
        )
    click.echo(f"{len(report):,} rows (people and currencies) for {year} written to {out}")


@transfers_group.command("rules")
def transfers_rules() -> None:
    """The rules in force, and the file they come from (a mistake in it is named)."""
    from kamgraph import config, transfer_rules

    with user_errors():
        rules = transfer_rules.load(config.transfer_rules_file(config.from_env()))
    click.echo(f"rules from {rules.source}")
    for section in (rules.default, *rules.countries.values()):
        parts = [
            f"{name} {rule.action}"
            + (f" above {rule.cap} {section.currency}" if rule.cap is not None else "")
            for name, rule in section.rules.items()
        ]
        click.echo(f"  {section.code:<8} {section.name}: {'; '.join(parts)}")
    click.echo(f"  public officials work at: {', '.join(sorted(rules.official_kinds))}")
