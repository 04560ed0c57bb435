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
    older = (
        f"; {verdict.unchained:,} older entries predate the chain and are not covered"
        if verdict.unchained
        else ""
    )
    if verdict.problem is not None:
        click.echo(
            f"audit trail BROKEN after {verdict.checked:,} good entries: {verdict.problem}{older}"
        )
        raise SystemExit(1)
    pruned = (
        f" (entries 1 to {verdict.base:,} were removed by a retention prune)"
        if verdict.base
        else ""
    )
    click.echo(f"audit trail intact: {verdict.checked:,} entries{pruned}{older}")
    if verdict.head is not None:
        # The chain proves that nothing inside it changed; keeping this line somewhere
        # else (a ticket, a signed mail) proves that the whole chain was not rewritten.
        click.echo(f"head: entry {verdict.base + verdict.checked:,}, hash {verdict.head}")


@audit_group.command("show")
@click.option(
    "--person",
    "record_id",
    required=True,
    metavar="ID",
    help="The person (or any record) whose views and changes to list.",
)
@click.option("--limit", default=100, show_default=True, help="How many, newest first.")
def audit_show(record_id: str, limit: int) -> None:
    """Who viewed or changed a record, and when (newest first). Reading the trail is
    itself recorded."""
    from kamgraph.repository import audit

    with connected_session() as session, user_errors():
        entries = audit.recent(session, target_id=record_id, limit=limit)
        audit.record(
            session,
            user_id=actor(),
            action="audit read",
            target_id=record_id,
            path="kamgraph audit show",
        )
    if not entries:
        click.echo(f"nothing recorded for {record_id}")
        return
    for e in entries:
        click.echo(f"{e.at:%Y-%m-%d %H:%M:%S} UTC  {e.user_id:<24} {e.action:<14} {e.path}")
        for field, before, after in e.changes:
            click.echo(f"{'':26}{field}: {before} -> {after}")


@audit_group.command("prune")
@click.option(
    "--keep-days",
    type=click.IntRange(min=1),
    default=None,
    metavar="DAYS",
    help="Keep this many days of entries (default: KAMGRAPH_AUDIT_KEEP_DAYS, "
    "five years unless set).",
)
@click.option("--dry-run", is_flag=True, help="Say what would go; remove nothing.")
def audit_prune(keep_days: int | None, dry_run: bool) -> None:
    """Remove the entries older than the retention period from the start of the chain.

    The chain stays verifiable: a prune entry, chained, records where it was cut.
    """
    from datetime import timedelta

    from kamgraph import clock, config
    from kamgraph.repository import audit_chain

    # Five years by default: the longest of the limitation periods a compliance officer
    # usually has to answer for (docs/compliance.md).
    days = keep_days or int(str(config.from_env()["AUDIT_KEEP_DAYS"]))
    before = clock.now() - timedelta(days=days)
    with connected_session() as session, user_errors():
        if dry_run:
            count = audit_chain.count_before(session, before)
            click.echo(
                f"dry run: {count:,} entries are older than {before:%Y-%m-%d} "
                f"({days:,} days); nothing was removed"
            )
            return
        entry = {"at": clock.now(), "user_id": actor(), "path": "kamgraph audit prune"}
        pruned = audit_chain.prune(session, before, entry)
    click.echo(
        f"removed {pruned.removed:,} entries older than {before:%Y-%m-%d} "
        f"({days:,} days); the chain starts after entry {pruned.base_seq:,}"
    )
