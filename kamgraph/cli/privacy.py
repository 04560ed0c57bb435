"""`kamgraph privacy ...`: the GDPR bookkeeping a compliance officer asks for."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from kamgraph.cli._common import actor, connected_session, user_errors


@click.group("privacy")
def privacy_group() -> None:
    """Data-subject rights and the information duty (GDPR Art. 14)."""


@privacy_group.command("report")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def privacy_report(as_json: bool) -> None:
    """People not yet told that we hold their data: overdue (past a month from collection)
    first, then those still within the month."""
    from kamgraph import clock
    from kamgraph.repository import audit
    from kamgraph.services import privacy

    with connected_session() as session, user_errors():
        found = privacy.report(session, clock.today())
        audit.record(
            session,
            user_id=actor(),
            action="privacy report",
            target_id="people",
            path="kamgraph privacy report",
        )
    if as_json:
        click.echo(json.dumps(asdict(found), default=str, ensure_ascii=False, indent=2))
        return
    click.echo(
        f"{len(found.overdue):,} people not informed within a month of collection; "
        f"{len(found.due):,} more to inform within it"
    )
    for title, rows in (("overdue", found.overdue), ("due", found.due)):
        for row in rows:
            click.echo(
                f"  {title:<8} inform by {row.inform_by}  {row.id:<28} "
                f"{row.name} ({row.organization or 'no organization'})"
            )


@privacy_group.command("export")
@click.argument("person_id")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the JSON here (default: standard output).",
)
def privacy_export(person_id: str, output: str | None) -> None:
    """Everything held about PERSON_ID, as JSON, for their access request (GDPR Art. 15):
    the dossier with its sensitive fields, every tie, the interactions, and who viewed or
    changed it. The export is recorded in the audit trail."""
    from pathlib import Path

    from kamgraph import clock
    from kamgraph.errors import NotFound
    from kamgraph.repository import audit, privacy

    with connected_session() as session, user_errors():
        found = privacy.subject(session, person_id)
        if found is None:
            raise NotFound(f"no person with id {person_id!r}")
        audit.record(
            session,
            user_id=actor(),
            action="subject export",
            target_id=person_id,
            path="kamgraph privacy export",
        )
    document = {"exported_at": clock.now().isoformat(), **asdict(found)}
    text = json.dumps(document, default=str, ensure_ascii=False, indent=2, sort_keys=True)
    if output is None:
        click.echo(text)
    else:
        Path(output).write_text(text + "\n", encoding="utf-8")
        click.echo(f"everything held about {person_id} written to {output}", err=True)


@privacy_group.command("erase")
@click.argument("person_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def privacy_erase(person_id: str, yes: bool) -> None:
    """Erase PERSON_ID for their erasure request (GDPR Art. 17): the person, every tie,
    their name in the free text of other records (redacted, not deleted), the notes of
    the meetings only they took part in, and their id and name in the audit trail, which
    keeps a pseudonymous entry of the erasure. This cannot be undone (backups aside)."""
    from kamgraph.errors import NotFound
    from kamgraph.repository import pick
    from kamgraph.services import privacy

    with connected_session() as session, user_errors():
        name = pick.name_of(session, "Person", person_id)
        if name is None:
            raise NotFound(f"no person with id {person_id!r}")
        if not yes:
            click.confirm(f"Erase {name} ({person_id}) and every trace of them?", abort=True)
        done = privacy.erase(session, person_id, by=actor(), path="kamgraph privacy erase")
    click.echo(
        f"erased {person_id}: {done.ties:,} ties, their name in {done.texts:,} texts, "
        f"{done.blanked:,} meetings' notes, {done.audit_entries:,} audit entries; "
        f"the audit keeps the erasure as {done.pseudonym}"
    )


@privacy_group.command("purge")
@click.option("--dry-run", is_flag=True, help="List who would be erased; erase nobody.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def privacy_purge(dry_run: bool, yes: bool) -> None:
    """Erase everyone whose retention date (retain_until) has passed, as `privacy erase`
    does, with a progress bar."""
    from kamgraph import clock
    from kamgraph.cli._common import stderr
    from kamgraph.services import privacy

    with connected_session() as session, user_errors():
        due = privacy.purge(
            session, clock.today(), by=actor(), path="kamgraph privacy purge", dry_run=True
        )
        for person in due:
            click.echo(f"  retain until {person.retain_until}  {person.id:<28} {person.name}")
        if dry_run or not due:
            click.echo(
                f"{len(due):,} people are past their retention date"
                + ("; nothing was erased" if due else "")
            )
            return
        if not yes:
            click.confirm(f"Erase these {len(due):,} people?", abort=True)
        from rich.progress import Progress

        with Progress(console=stderr(), transient=True) as bar:
            task = bar.add_task("erasing", total=len(due))
            privacy.purge(
                session,
                clock.today(),
                by=actor(),
                path="kamgraph privacy purge",
                dry_run=False,
                progress=lambda _: bar.advance(task),
            )
    click.echo(f"erased {len(due):,} people past their retention date")
