"""`kamgraph serve`: the web app behind waitress, a production WSGI server."""

from __future__ import annotations

import click

from kamgraph.cli._common import stop_on_sigterm, user_errors


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--threads",
    default=8,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Requests served at once (each holds one Neo4j connection).",
)
@click.option(
    "--worker/--no-worker",
    default=True,
    show_default=True,
    help="Start the analysis worker beside the server (--no-worker: one runs "
    "already, e.g. `kamgraph worker` for several servers).",
)
def serve(host: str, port: int, threads: int, worker: bool) -> None:
    """Serve the web app with waitress, a production WSGI server."""
    import os
    import subprocess
    import sys

    from waitress import serve as waitress_serve

    from kamgraph import web_db
    from kamgraph.app import create_app
    from kamgraph.web_warm import warm_up

    with user_errors():
        app = create_app()
    child = None
    if worker:  # it exits by itself if this process dies without stopping it
        env = {**os.environ, "KAMGRAPH_WORKER_PARENT": str(os.getpid())}
        child = subprocess.Popen([sys.executable, "-m", "kamgraph", "worker"], env=env)
    stop_on_sigterm()
    warm_up(app)
    click.echo(f"kamgraph is serving on http://{host}:{port}/ (Ctrl-C stops it)")
    try:
        waitress_serve(app, host=host, port=port, threads=threads, ident="kamgraph")
    except KeyboardInterrupt:
        click.echo("kamgraph stopped", err=True)
    finally:
        web_db.close(app)
        if child is not None:
            child.terminate()
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:  # busy building its graph: nothing to keep
                child.kill()
                child.wait()
