"""The `kamgraph` command: one click group, shared with `flask --app kamgraph`."""

from __future__ import annotations

import time
from collections.abc import Generator
from contextlib import contextmanager
from pathlib import Path

import click
import neo4j
from flask import Flask
from flask.cli import FlaskGroup
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from waitress import serve as waitress_serve

from kamgraph import config, db, neo4j_local
from kamgraph.bundle import service as bundle_service
from kamgraph.cli_analyze import analyze_group
from kamgraph.cli_user import user_group
from kamgraph.errors import KamgraphError
from kamgraph.repository import bundles as bundles_repo
from kamgraph.seeding import demo, generate
from kamgraph.services import accounts

_err = Console(stderr=True)


def _create_app() -> Flask:
    # Imported here: kamgraph/__init__.py imports this module to register its commands.
    from kamgraph import create_app  # noqa: PLC0415

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False)
@click.version_option(package_name="kamgraph")
def cli() -> None:
    """kamgraph: decision makers, influence and warm paths for key account managers.

    Neo4j: the local one under KAMGRAPH_HOME, or KAMGRAPH_NEO4J_URI if set.
    """


@contextmanager
def user_errors() -> Generator[None]:
    """Show a kamgraph error as one line and exit 1, never as a traceback."""
    try:
        yield
    except KamgraphError as error:
        raise click.ClickException(str(error)) from error


@contextmanager
def _progress() -> Generator[neo4j_local.Progress]:
    """A spinner on a terminal; one plain line per phase otherwise (CI logs)."""
    if not _err.is_terminal:
        seen: set[str] = set()

        def plain(message: str, _count: int) -> None:
            if message not in seen:
                seen.add(message)
                click.echo(f"{message} ...", err=True)

        yield plain
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=_err,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def update(message: str, count: int) -> None:
            suffix = f" ({count} artifacts)" if count else ""
            bar.update(task, description=f"{message}{suffix}")

        yield update


# --- kamgraph db ---


@click.group("db")
def db_group() -> None:
    """Run and prepare Neo4j: the local one under KAMGRAPH_HOME, or the one configured."""


@db_group.command("start")
@click.option(
    "--bolt-port",
    type=click.IntRange(0, 65535),
    default=None,
    help="Bolt port on 127.0.0.1 (default: the last one used, else 7687; 0: any free).",
)
def db_start(bolt_port: int | None) -> None:
    """Start the local Neo4j in the background; return once Bolt answers."""
    settings = config.from_env()
    local = db.local_neo4j(settings)
    started_at = time.monotonic()
    with user_errors(), _progress() as progress:
        started = local.start(
            port=bolt_port,
            password=settings["NEO4J_PASSWORD"],
            heap=str(settings["NEO4J_HEAP"]),
            pagecache_mb=int(str(settings["NEO4J_PAGECACHE_MB"])),
            progress=progress,
        )
    if not started:
        click.echo(
            f"Neo4j is already running at {local.uri} (pid {local.pid()}, home {local.home})"
        )
        return
    elapsed = time.monotonic() - started_at
    click.echo(
        f"Neo4j {neo4j_local.NEO4J_VERSION} is up at {local.uri} "
        f"in {elapsed:.1f} s (home {local.home})"
    )


@db_group.command("stop")
def db_stop() -> None:
    """Stop the local Neo4j cleanly (data flushed, pid file removed)."""
    local = db.local_neo4j(config.from_env())
    with user_errors():
        stopped = local.stop()
    click.echo("Neo4j stopped" if stopped else f"Neo4j is not running (home {local.home})")


@db_group.command("status")
def db_status() -> None:
    """Say whether Neo4j answers; exit 0 if it does, 1 if not."""
    with user_errors():
        resolved = db.neo4j_settings()
    try:
        with db.driver_for(resolved) as driver:
            version = db.check(driver, resolved.database)
    except KamgraphError as error:
        reason = str(error)
        if resolved.local and resolved.local.pid() is None:
            reason = f"the local Neo4j is not running (home {resolved.local.home})"
        click.echo(f"Neo4j is not reachable at {resolved.uri}: {reason}")
        raise SystemExit(1) from error
    click.echo(f"Neo4j is up at {resolved.uri} ({version}, database {resolved.database})")


@db_group.command("init")
def db_init() -> None:
    """Apply the schema (constraints and indexes); running it twice changes nothing."""
    with user_errors():
        resolved = db.neo4j_settings()
        with db.driver_for(resolved) as driver:
            db.check(driver, resolved.database)
            with driver.session(database=resolved.database) as session:
                added = db.apply_schema(session)
    if added:
        click.echo(f"schema applied: {added} constraints and indexes created")
    else:
        click.echo("schema is up to date: nothing to create")


@contextmanager
def connected_session() -> Generator[neo4j.Session]:
    """A session on the configured Neo4j, checked first so a dead server is one clear line."""
    with user_errors():
        resolved = db.neo4j_settings()
        with db.driver_for(resolved) as driver:
            db.check(driver, resolved.database)
            with driver.session(database=resolved.database) as session:
                yield session


# --- kamgraph import / export ---


@click.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Validate everything, write nothing.")
def import_command(path: Path, dry_run: bool) -> None:
    """Import PATH: a folder of CSV files, an .xlsx workbook or a .json bundle.

    Everything is validated first; on any problem each one is printed as
    FILE:LINE: column: message and nothing is written (exit 1).
    """
    with connected_session() as session, _row_progress() as progress:
        try:
            result = bundle_service.import_path(session, path, dry_run=dry_run, progress=progress)
        except bundle_service.InvalidBundle as error:
            for problem in error.problems:
                click.echo(str(problem), err=True)
            raise click.ClickException(str(error)) from error
    read = ", ".join(f"{n} {table}" for table, n in result.rows.items()) or "nothing"
    if result.counts is None:
        click.echo(f"dry run: {read} are valid; nothing was written")
        return
    click.echo(f"imported {read}")
    for table in result.rows:
        created = result.counts.created.get(table, 0)
        updated = result.counts.updated.get(table, 0)
        click.echo(f"  {table:<14} {created:>8,} created {updated:>8,} updated")


@click.command("export")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(bundle_service.EXPORT_FORMATS),
    help="Default: from PATH's suffix (.json, .vcf, .ics); otherwise a CSV folder.",
)
def export_command(path: Path, fmt: str | None) -> None:
    """Export everything to PATH: a JSON bundle, CSV files in the import format, .vcf or .ics."""
    chosen = bundle_service.export_format(path, fmt)
    with connected_session() as session, user_errors():
        bundle = bundle_service.export_path(session, path, chosen)
    click.echo(f"exported {bundle.count():,} rows to {path} ({chosen})")


@contextmanager
def _row_progress() -> Generator[bundles_repo.Progress]:
    """A progress line per table being written."""
    if not _err.is_terminal:
        yield lambda table, done: None
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("writing {task.description}"),
        TextColumn("{task.completed:,} rows"),
        TimeElapsedColumn(),
        console=_err,
        transient=True,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def update(table: str, done: int) -> None:
            if table not in tasks:
                tasks[table] = bar.add_task(table, total=None)
            bar.update(tasks[table], completed=done)

        yield update


# --- kamgraph seed ---


@click.group("seed")
def seed_group() -> None:
    """Load the demo region, or generate a synthetic region of any size."""


DEMO_SIGN_INS = "demo-sign-ins.tsv"


@seed_group.command("demo")
def seed_demo() -> None:
    """Load the fictional demo region (seeds/demo); running it again changes nothing."""
    with connected_session() as session, _row_progress() as progress, user_errors():
        try:
            counts = demo.load_demo(session, progress=progress)
        except bundle_service.InvalidBundle as error:
            for problem in error.problems:
                click.echo(str(problem), err=True)
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
    shape = generate.Shape(people=people, seed=seed)
    started = time.monotonic()
    with (
        connected_session() as session,
        Progress(
            TextColumn("generating"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=_err,
            disable=not _err.is_terminal,
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


# --- kamgraph serve ---


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
def serve(host: str, port: int, threads: int) -> None:
    """Serve the web app with waitress, a production WSGI server."""
    with user_errors():
        app = _create_app()
    click.echo(f"kamgraph is serving on http://{host}:{port}/ (Ctrl-C stops it)")
    try:
        waitress_serve(app, host=host, port=port, threads=threads, ident="kamgraph")
    finally:
        db.close(app)


COMMANDS: tuple[click.Command, ...] = (
    db_group,
    import_command,
    export_command,
    seed_group,
    analyze_group,
    user_group,
    serve,
)
for _command in COMMANDS:
    cli.add_command(_command)


def register_commands(app: Flask) -> None:
    """Give `flask --app kamgraph` the same commands as `kamgraph`."""
    for command in COMMANDS:
        app.cli.add_command(command)
