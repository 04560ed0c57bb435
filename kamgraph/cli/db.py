"""`kamgraph db ...`: run the local Neo4j and apply the schema."""

from __future__ import annotations

import time

import click

from kamgraph import config
from kamgraph.cli._common import phase_progress, user_errors
from kamgraph.errors import KamgraphError


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
    """Apply the schema (constraints and indexes); running it twice changes nothing."""
    from kamgraph import db

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
