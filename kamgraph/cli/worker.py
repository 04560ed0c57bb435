"""`kamgraph worker`: the analysis worker that serves warm paths and influence to the pages."""

from __future__ import annotations

import click

from kamgraph.cli._common import stop_on_sigterm, user_errors


@click.command("worker")
@click.option(
    "--scores-every",
    default=300.0,
    show_default=True,
    type=click.FloatRange(0),
    help="Recompute the stored scores after changes at most this often, in "
    "seconds (0: never; `kamgraph analyze refresh` does it by hand).",
)
@click.option(
    "--quiet",
    "quiet_seconds",
    default=2.0,
    show_default=True,
    type=click.FloatRange(0),
    help="Rebuild the analysis graph once changes stop for this long.",
)
def worker_command(scores_every: float, quiet_seconds: float) -> None:
    """Hold the analysis graph for the web app; rebuild it in the background after changes.

    `kamgraph serve` starts one for you. Run it yourself when the web app runs under
    another server (gunicorn, several processes): they all share this one.
    """
    import os

    from kamgraph import config, db, worker

    with user_errors():
        settings = config.from_env()
        resolved = db.neo4j_settings(settings)
        driver = db.driver_for(resolved)
        address = worker.socket_path(settings)
        timing = worker.Timing(quiet=quiet_seconds, scores_every=scores_every or None)
        running = worker.Worker(
            driver, resolved.database, address, worker.auth_key(settings), timing=timing
        )
    running.start()
    click.echo(f"analysis worker listening on {address} (Ctrl-C stops it)", err=True)
    parent = os.environ.get("KAMGRAPH_WORKER_PARENT")
    stop_on_sigterm()
    try:
        running.wait(parent=int(parent) if parent and parent.isdigit() else None)
    except KeyboardInterrupt:
        pass
    finally:
        running.stop()
        driver.close()
