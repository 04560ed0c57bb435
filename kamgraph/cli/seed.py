"""`kamgraph seed ...`: the fictional demo region, or a synthetic region of any size."""

from __future__ import annotations

import time

import click

from kamgraph import config
from kamgraph.cli._common import actor, connected_session, row_progress, stderr, user_errors

DEMO_SIGN_INS = "demo-sign-ins.tsv"


@click.group("seed")
def seed_group() -> None:
    """Load the demo region, or generate a synthetic region of any size."""


@seed_group.command("demo")
def seed_demo() -> None:
    """Load the fictional demo region (seeds/demo); running it again changes nothing."""
    from kamgraph.repository import audit
    from kamgraph.seeding import demo
    from kamgraph.services import accounts
    from kamgraph.services import data as service

    entry = {
        "user_id": actor(),
        "action": "import",
        "target_id": "demo region",
        "path": "kamgraph seed demo",
    }
    with (
        connected_session() as session,
        row_progress() as progress,
        user_errors(),
        audit.audited(**entry),
    ):
        try:
            counts = demo.load_demo(session, progress=progress)
        except service.InvalidBundle as error:
            for line in service.problem_lines(error):
                click.echo(line, err=True)
            raise
        sign_ins = accounts.demo_sign_ins(
            session, config.home_dir(config.from_env()) / DEMO_SIGN_INS
        )
    created, updated = sum(counts.created.values()), sum(counts.updated.values())
    click.echo(f"demo region loaded: {created:,} created, {updated:,} updated")
    click.echo("demo sign-ins (passwords generated for this install, kept in KAMGRAPH_HOME):")
    for sign_in in sign_ins:
        click.echo(f"  {sign_in.role:<6} {sign_in.email:<45} {sign_in.password}")


@seed_group.command("generate")
@click.option("--people", type=click.IntRange(1), required=True, help="How many people.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
def seed_generate(people: int, seed: int) -> None:
    """Generate a region shaped like the demo, of any size (about 10 ties per person)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from kamgraph.seeding import generate

    shape = generate.Shape(people=people, seed=seed)
    started = time.monotonic()
    console = stderr()
    with (
        connected_session() as session,
        Progress(
            TextColumn("generating"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=not console.is_terminal,
        ) as bar,
    ):
        task = bar.add_task("rows", total=shape.expected_rows())
        counts = generate.write_region(
            session, shape, progress=lambda done, total: bar.update(task, completed=done)
        )
    elapsed = time.monotonic() - started
    created, updated = sum(counts.created.values()), sum(counts.updated.values())
    click.echo(
        f"generated {people:,} people (seed {seed}) in {elapsed:.1f} s: "
        f"{created:,} nodes and relationships created, {updated:,} updated "
        f"({(created + updated) / elapsed:,.0f} rows/s)"
    )
