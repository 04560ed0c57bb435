"""`kamgraph team handover`: a leaving KAM's work to a colleague, as the team page does it."""

from __future__ import annotations

import click

from kamgraph.cli._common import actor, connected_session, user_errors

# The preview's lines, in the page's order (services/handover.KINDS).
LABELS = {
    "covers": "people covered",
    "accounts": "accounts managed",
    "person_plans": "relationship plans",
    "account_plans": "account plans",
    "proposals": "open proposals",
    "follow_ups": "open follow-ups and meetings",
    "tender_steps": "tender plan steps",
}


@click.group("team")
def team_group() -> None:
    """The team: hand a leaving KAM's work to a colleague."""


@team_group.command("handover")
@click.option("--from", "from_email", required=True, help="The leaving KAM's email.")
@click.option("--to", "to_email", required=True, help="The colleague who takes over (email).")
@click.option("--dry-run", is_flag=True, help="Show what would move; change nothing.")
@click.option("--yes", is_flag=True, help="Move without asking.")
def handover_command(from_email: str, to_email: str, dry_run: bool, yes: bool) -> None:
    """Move her current covers, managed accounts, active relationship plans, account plans,
    open proposals, open follow-ups and tender plan steps to one colleague, in one
    transaction and one audit entry. Past interactions keep their author."""
    from kamgraph import clock
    from kamgraph.repository import audit
    from kamgraph.services import handover

    with connected_session() as session, user_errors():
        page = handover.command_page(session, actor(), from_email, to_email, clock.today())
        leaver, receiver, moves = page.leaver, page.receiver, page.moves
        if leaver is None or receiver is None or moves is None:  # command_page refuses these
            raise click.ClickException("give --from and --to")
        click.echo(f"From {leaver.name} <{leaver.email}> to {receiver.name} <{receiver.email}>:")
        for kind in handover.KINDS:
            items = getattr(moves, kind)
            click.echo(f"  {len(items):5d} {LABELS[kind]}")
            for item in items:
                click.echo(f"        {item.name} ({item.id})")
        if dry_run:
            click.echo("dry run: nothing moved")
            return
        if not page.total:
            click.echo("nothing to hand over")
            return
        if not yes:
            click.confirm(f"Move {page.total} records?", abort=True)
        entry = {
            "user_id": actor(),
            "action": "handover",
            "target_id": leaver.id,
            "path": "kamgraph team handover",
        }
        with audit.audited(**entry):
            moved = handover.hand_over(
                session, leaver.id, receiver.id, token=page.token, by=actor()
            )
        click.echo(f"moved {sum(moved.counts().values())} records to {receiver.email}")
