"""What the commands share: errors as one line, a checked Neo4j session, progress on stderr."""

from __future__ import annotations

import getpass
from collections.abc import Generator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from kamgraph.errors import KamgraphError

if TYPE_CHECKING:
    import neo4j
    from rich.console import Console

    from kamgraph.neo4j_local import Progress
    from kamgraph.repository.bundles import Progress as RowProgress


def actor() -> str:
    """Who runs this command, as the audit trail names them: cli:<login name>."""
    return f"cli:{getpass.getuser()}"


@contextmanager
def user_errors() -> Generator[None]:
    """Show a kamgraph error as one line and exit 1, never as a traceback."""
    try:
        yield
    except KamgraphError as error:
        raise click.ClickException(str(error)) from error


@contextmanager
def connected_session() -> Generator[neo4j.Session]:
    """A session on the configured Neo4j, checked first so a dead server is one clear line.

    Neo4j going away mid-command is one line too, never a traceback.
    """
    from neo4j.exceptions import ServiceUnavailable, SessionExpired

    from kamgraph import db

    try:
        with user_errors():
            resolved = db.neo4j_settings()
            with db.driver_for(resolved) as driver:
                db.check(driver, resolved.database)
                with driver.session(database=resolved.database) as session:
                    yield session
    except (ServiceUnavailable, SessionExpired) as error:
        msg = f"Neo4j went away: {db.unreachable_reason(error)}"
        raise click.ClickException(msg) from error


def stop_on_sigterm() -> None:
    """Let SIGTERM (`kill`, systemd, `docker stop`) stop a long command as Ctrl-C does,
    so its `finally` blocks run: children stopped, drivers closed."""
    import signal

    def stop(_signal: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


def stderr() -> Console:
    """A rich console on stderr, for progress that never mixes with the output."""
    from rich.console import Console

    return Console(stderr=True)


@contextmanager
def phase_progress() -> Generator[Progress]:
    """A spinner on a terminal; one plain line per phase otherwise (CI logs)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = stderr()
    if not console.is_terminal:
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
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def update(message: str, count: int) -> None:
            suffix = f" ({count} artifacts)" if count else ""
            bar.update(task, description=f"{message}{suffix}")

        yield update


@contextmanager
def row_progress() -> Generator[RowProgress]:
    """A progress line per table being written."""
    from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

    console = stderr()
    if not console.is_terminal:
        yield lambda table, done: None
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("writing {task.description}"),
        TextColumn("{task.completed:,} rows"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def update(table: str, done: int) -> None:
            if table not in tasks:
                tasks[table] = bar.add_task(table, total=None)
            bar.update(tasks[table], completed=done)

        yield update
