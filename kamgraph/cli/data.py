"""`kamgraph import` and `kamgraph export`: bundles in and out, validated before any write."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kamgraph.bundle import EXPORT_FORMATS
from kamgraph.cli._common import actor, connected_session, row_progress, user_errors
from kamgraph.errors import Unavailable
from kamgraph.models import SEGMENTS, User

if TYPE_CHECKING:
    import neo4j


@click.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Validate everything, write nothing.")
@click.option(
    "--special-category-reason",
    metavar="TEXT",
    help="Why free text that looks like health, religion, politics or sexual life data "
    "(GDPR Art. 9) is needed; without it such an import is refused. Recorded in the audit "
    "trail and on the flagged records.",
)
def import_command(path: Path, dry_run: bool, special_category_reason: str | None) -> None:
    """Import PATH: a folder of CSV files, an .xlsx workbook, a .json bundle or an OCDS
    release package (.json; its tenders, lots and buyers, and a line for each field it has
    that is not imported).

    Everything is validated first; on any problem each one is printed as
    FILE:LINE: column: message and nothing is written (exit 1). Free text that looks like
    special-category data is listed the same way, and refused unless
    --special-category-reason says why it is needed (docs/special-category.md).
    """
    from kamgraph.bundle.screen import SpecialCategoryFound
    from kamgraph.repository import audit
    from kamgraph.services import data as service

    entry = {
        "user_id": actor(),
        "action": "import",
        "target_id": str(path.resolve()),
        "path": "kamgraph import",
    }
    with connected_session() as session, row_progress() as progress, audit.audited(**entry):
        try:
            result = service.import_path(
                session,
                path,
                dry_run=dry_run,
                progress=progress,
                special_reason=special_category_reason,
                by=entry["user_id"],
            )
        except service.InvalidBundle as error:
            for line in service.problem_lines(error):
                click.echo(line, err=True)
            raise click.ClickException(str(error)) from error
        except SpecialCategoryFound as error:
            for hit in error.hits[: service.SHOWN_PROBLEMS]:
                click.echo(str(hit), err=True)
            if len(error.hits) > service.SHOWN_PROBLEMS:
                more = len(error.hits) - service.SHOWN_PROBLEMS
                click.echo(f"... and {more:,} more fields", err=True)
            raise click.ClickException(str(error)) from error
        except Unavailable as error:
            msg = (
                f"{error}. The import stopped part-way: the batches written so far stay. "
                "Start Neo4j and run the same import again to complete it."
            )
            raise click.ClickException(msg) from error
    for note in result.notes[: service.SHOWN_PROBLEMS]:
        click.echo(note, err=True)
    if len(result.notes) > service.SHOWN_PROBLEMS:
        click.echo(f"... and {len(result.notes) - service.SHOWN_PROBLEMS:,} more", err=True)
    read = ", ".join(f"{n} {table}" for table, n in result.rows.items()) or "nothing"
    if result.counts is None:
        click.echo(f"dry run: {read} are valid; nothing was written")
        return
    click.echo(f"imported {read}")
    if result.special_category:
        click.echo(
            f"  {result.special_category:,} field(s) look like special-category data: "
            "kept, with the reason given"
        )
    for table in result.rows:
        created = result.counts.created.get(table, 0)
        updated = result.counts.updated.get(table, 0)
        click.echo(f"  {table:<14} {created:>8,} created {updated:>8,} updated")


@click.command("export")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    help="Default: from PATH's suffix (.json, .vcf, .ics); otherwise a CSV folder. "
    "ocds: the tenders as an OCDS 1.1 release package (JSON).",
)
@click.option(
    "--as",
    "email",
    metavar="EMAIL",
    help="The team member the export is for, who signs with their password: "
    "their role and territory decide what it holds.",
)
@click.option("--password-stdin", is_flag=True, help="Read that password from stdin.")
@click.option(
    "--sensitive",
    is_flag=True,
    help="Include family, values and personal notes: needs --as an admin or compliance officer.",
)
@click.option(
    "--segment",
    type=click.Choice(SEGMENTS),
    help="Only the people of this stakeholder segment, their ties, and the interactions "
    "among them; the other tables whole.",
)
def export_command(
    path: Path,
    fmt: str | None,
    email: str | None,
    password_stdin: bool,
    sensitive: bool,
    segment: str | None,
) -> None:
    """Export to PATH: a JSON bundle, CSV files in the import format, .vcf or .ics.

    Without --as, whoever runs the command (they hold the database's credentials) exports
    every record without sensitive fields. With --as, a KAM or a lead exports their scope
    (territory, accounts, covers), and an admin or compliance officer every record, with
    --sensitive every field. The file carries a watermark line (who, when), and the
    export is recorded in the audit trail with how many records it holds.
    """

    from kamgraph import clock
    from kamgraph.errors import Forbidden
    from kamgraph.repository import audit
    from kamgraph.services import data as service
    from kamgraph.services import scope as scopes

    chosen = service.export_format(path, fmt)
    if sensitive and email is None:
        raise click.UsageError("--sensitive needs --as EMAIL, an admin or compliance officer")
    with connected_session() as session, user_errors():
        user = (
            _signed(session, email, password_stdin) if email else scopes.command_line(actor()).user
        )
        if sensitive and user.role not in scopes.READS_EVERYTHING:
            raise Forbidden("exporting sensitive fields needs the admin or compliance role")
        scope = scopes.of(session, user)
        watermark = (
            f"Exported by {user.name} <{user.email}> ({user.role}) on "
            f"{clock.now():%Y-%m-%d %H:%M} UTC with kamgraph. Confidential: "
            "personal data of third parties; delete it when done."
        )
        bundle = service.export_path(
            session,
            path,
            chosen,
            watermark=watermark,
            keep=lambda b: scopes.exported(
                session,
                scope,
                b if segment is None else service.of_segment(b, segment),
                sensitive=sensitive,
            ),
        )
        details = {
            "format": chosen,
            "records": bundle.count(),
            "sensitive": sensitive,
            "segment": segment,
            "for": user.id,
            "scope": "everything" if scope.everything else "territory",
            "tables": {t: len(rows) for t, rows in bundle.tables.items()},
        }
        audit.record(
            session,
            user_id=actor(),
            action="export",
            target_id=str(path.resolve()),
            path=f"kamgraph export --format {chosen} --as {user.email}"
            + (f" --segment {segment}" if segment else ""),
            details=details,
        )
    held = "" if scope.everything else ", their scope only"
    fields = "with" if sensitive else "without"
    click.echo(
        f"exported {bundle.count():,} rows to {path} ({chosen}) for {user.name}{held}; "
        f"{fields} sensitive fields"
    )


def _signed(session: neo4j.Session, email: str, password_stdin: bool) -> User:
    """The team member `email`, once their password is given (prompted, or from stdin)."""
    from kamgraph.errors import Forbidden
    from kamgraph.services import accounts

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = str(click.prompt(f"Password of {email}", hide_input=True))
    user = accounts.authenticate(session, email, password)
    if user is None:
        raise Forbidden(f"wrong password for {email}, or no such active team member")
    return user
