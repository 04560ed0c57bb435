"""`kamgraph audit ...`: check that the audit trail is intact, and read it per person."""

from __future__ import annotations

import click

from kamgraph.cli._common import actor, connected_session, user_errors


@click.group("audit")
def audit_group() -> None:
    """The audit trail: every view and change, hash-chained."""


@audit_group.command("verify")
def audit_verify() -> None:
    """Recompute the chain; exit 1 and name the first entry that was rewritten, deleted
    or inserted."""
    from kamgraph.repository import audit_chain

    with connected_session() as session, user_errors():
        verdict = audit_chain.verify(session)
    older = (f"; {verdict.unchained:,} older entries predate the chain and are not covered"
             if verdict.unchained else "")  # fmt: skip
    if verdict.problem is not None:
        click.echo(f"audit trail BROKEN after {verdict.checked:,} good entries: "
                   f"{verdict.problem}{older}")  # fmt: skip
        raise SystemExit(1)
    click.echo(f"audit trail intact: {verdict.checked:,} entries{older}")
    if verdict.head is not None:
        # The chain proves that nothing inside it changed; keeping this line somewhere
        # else (a ticket, a signed mail) proves that the whole chain was not rewritten.
        click.echo(f"head: entry {verdict.checked:,}, hash {verdict.head}")


@audit_group.command("show")
@click.option("--person", "record_id", required=True, metavar="ID",
              help="The person (or any record) whose views and changes to list.")  # fmt: skip
@click.option("--limit", default=100, show_default=True, help="How many, newest first.")
def audit_show(record_id: str, limit: int) -> None:
    """Who viewed or changed a record, and when (newest first). Reading the trail is
    itself recorded."""
    from kamgraph.repository import audit

    with connected_session() as session, user_errors():
        entries = audit.recent(session, target_id=record_id, limit=limit)
        audit.record(session, user_id=actor(), action="audit read", target_id=record_id,
                     path="kamgraph audit show")  # fmt: skip
    if not entries:
        click.echo(f"nothing recorded for {record_id}")
        return
    for e in entries:
        click.echo(f"{e.at:%Y-%m-%d %H:%M:%S} UTC  {e.user_id:<24} {e.action:<14} {e.path}")
        for field, before, after in e.changes:
            click.echo(f"{'':26}{field}: {before} -> {after}")
