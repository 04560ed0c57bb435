"""`kamgraph privacy ...`: the GDPR bookkeeping a compliance officer asks for."""

from __future__ import annotations

import json

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
        audit.record(session, user_id=actor(), action="privacy report", target_id="people",
                     path="kamgraph privacy report")  # fmt: skip
    if as_json:
        click.echo(json.dumps(found, default=str, ensure_ascii=False, indent=2))
        return
    click.echo(f"{len(found['overdue']):,} people not informed within a month of collection; "
               f"{len(found['due']):,} more to inform within it")  # fmt: skip
    for title, rows in (("overdue", found["overdue"]), ("due", found["due"])):
        for row in rows:
            click.echo(f"  {title:<8} inform by {row['inform_by']}  {row['id']:<28} "
                       f"{row['name']} ({row['organization'] or 'no organization'})")  # fmt: skip
