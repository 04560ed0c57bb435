"""`kamgraph db ...`: run the local Neo4j and apply the schema."""

from __future__ import annotations

import time
from collections.abc import Generator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kamgraph import config
from kamgraph.cli._common import phase_progress, user_errors
from kamgraph.errors import KamgraphError

if TYPE_CHECKING:
    from kamgraph.neo4j_local import LocalNeo4j


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
    from kamgraph import db, neo4j_local

    settings = config.from_env()
    local = db.local_neo4j(settings)
    started_at = time.monotonic()
    with user_errors(), phase_progress() as progress:
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
    from kamgraph import db

    local = db.local_neo4j(config.from_env())
    with user_errors():
        stopped = local.stop()
    click.echo("Neo4j stopped" if stopped else f"Neo4j is not running (home {local.home})")


@db_group.command("status")
def db_status() -> None:
    """Say whether Neo4j answers; exit 0 if it does, 1 if not."""
    from kamgraph import db

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
    """Apply the schema (constraints and indexes) and fill in derived data a newer version
    needs (search keys, duplicate keys; KNOWS ties entered from both sides collapsed into
    one; the time of the last change on records and ties written before it was kept);
    running it twice changes nothing."""
    from kamgraph import clock, db
    from kamgraph.repository import api_lists, duplicates, privacy, search, ties

    with user_errors():
        resolved = db.neo4j_settings()
        with db.driver_for(resolved) as driver:
            db.check(driver, resolved.database)
            with driver.session(database=resolved.database) as session:
                added = db.apply_schema(session)
                keyed = search.backfill_keys(session)
                defaulted = privacy.fill_defaults(session, clock.today())
                collapsed = ties.collapse_symmetric(session)
                name_keyed = duplicates.backfill_name_keys(session)
                stamped = api_lists.stamp_unstamped(session, clock.now())
    if added:
        click.echo(f"schema applied: {added} constraints and indexes created")
    else:
        click.echo("schema is up to date: nothing to create")
    if keyed:
        click.echo(f"search keys made for {keyed:,} records written before this version")
    if defaulted:
        click.echo(
            f"lawful basis and collection date set for {defaulted:,} people recorded "
            "before this version (collected: today)"
        )
    if collapsed:
        click.echo(
            f"{collapsed:,} KNOWS ties entered from both sides collapsed into one "
            "(the later-recorded one's properties kept)"
        )
    if name_keyed:
        click.echo(f"duplicate-search keys made for {name_keyed:,} people written before")
    if stamped:
        click.echo(
            f"time of the last change set for {stamped:,} records and ties written before "
            "this version (when they were recorded, or now)"
        )


@db_group.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def db_backup(path: Path) -> None:
    """Copy the local Neo4j's database to PATH (.tar.gz), owner-readable only.

    Neo4j Community backs up offline: a running Neo4j is stopped for the copy (seconds
    to a minute at 100,000 people) and started again.
    """
    from kamgraph import neo4j_backup

    with user_errors(), _stopped_for("backup") as local:
        manifest = neo4j_backup.backup(local, path)
    size = path.stat().st_size / 1e6
    click.echo(f"backed up {local.home} to {path} ({size:,.1f} MB, {manifest['at']})")


@db_group.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def db_restore(path: Path) -> None:
    """Replace the local Neo4j's database by the backup at PATH.

    The database it replaces is kept beside it (neo4j/data.before-restore-TIME), so a
    wrong file loses nothing. A running Neo4j is stopped and started again.
    """
    from kamgraph import neo4j_backup

    with user_errors():
        neo4j_backup.check(path)  # before anything is stopped
        with _stopped_for("restore") as local:
            kept = neo4j_backup.restore(local, path)
    click.echo(f"restored {path} into {local.home}; the previous data is kept in {kept}")


@contextmanager
def _stopped_for(what: str) -> Generator[LocalNeo4j]:
    """The local Neo4j, stopped for the block and started again after if it was running."""
    from kamgraph import db

    settings = config.from_env()
    if settings.get("NEO4J_URI"):
        msg = (
            f"db {what} works on the local Neo4j; for {settings['NEO4J_URI']} use that "
            "server's own backup (neo4j-admin, or Aura's snapshots)"
        )
        raise KamgraphError(msg)
    local = db.local_neo4j(settings)
    was_running = local.stop()
    try:
        yield local
    finally:
        if was_running:
            local.start(
                port=None,
                password=settings["NEO4J_PASSWORD"],
                heap=str(settings["NEO4J_HEAP"]),
                pagecache_mb=int(str(settings["NEO4J_PAGECACHE_MB"])),
            )
