"""`kamgraph import` and `kamgraph export`: bundles in and out, validated before any write."""

from __future__ import annotations

from pathlib import Path

import click

from kamgraph.bundle import EXPORT_FORMATS
from kamgraph.cli._common import actor, connected_session, row_progress, user_errors
from kamgraph.errors import Unavailable


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
    """Import PATH: a folder of CSV files, an .xlsx workbook or a .json bundle.

    Everything is validated first; on any problem each one is printed as
    FILE:LINE: column: message and nothing is written (exit 1). Free text that looks like
    special-category data is listed the same way, and refused unless
    --special-category-reason says why it is needed (docs/special-category.md).
    """
    from kamgraph.bundle import service
    from kamgraph.bundle.screen import SpecialCategoryFound
    from kamgraph.repository import audit

    entry = {"user_id": actor(), "action": "import", "target_id": str(path.resolve()),
             "path": "kamgraph import"}  # fmt: skip
    with connected_session() as session, row_progress() as progress, audit.audited(**entry):
        try:
            result = service.import_path(
                session, path, dry_run=dry_run, progress=progress,
                special_reason=special_category_reason, by=entry["user_id"],
            )  # fmt: skip
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
    read = ", ".join(f"{n} {table}" for table, n in result.rows.items()) or "nothing"
    if result.counts is None:
        click.echo(f"dry run: {read} are valid; nothing was written")
        return
    click.echo(f"imported {read}")
    if result.special_category:
        click.echo(f"  {result.special_category:,} field(s) look like special-category data: "
                   "kept, with the reason given")  # fmt: skip
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
    help="Default: from PATH's suffix (.json, .vcf, .ics); otherwise a CSV folder.",
)
def export_command(path: Path, fmt: str | None) -> None:
    """Export everything to PATH: a JSON bundle, CSV files in the import format, .vcf or .ics."""
    from kamgraph.bundle import service
    from kamgraph.repository import audit

    chosen = service.export_format(path, fmt)
    with connected_session() as session, user_errors():
        bundle = service.export_path(session, path, chosen)
        audit.record(session, user_id=actor(), action="export", target_id=str(path.resolve()),
                     path=f"kamgraph export --format {chosen}")  # fmt: skip
    click.echo(f"exported {bundle.count():,} rows to {path} ({chosen})")
