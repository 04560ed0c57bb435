"""`kamgraph serve`: the web app behind waitress, a production WSGI server."""

from __future__ import annotations

import click

from kamgraph.cli._common import user_errors


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64),
              help="Requests served at once (each holds one Neo4j connection).")  # fmt: skip
@click.option("--worker/--no-worker", default=True, show_default=True,
              help="Start the analysis worker beside the server (--no-worker: one runs "
                   "already, e.g. `kamgraph worker` for several servers).")  # fmt: skip
def serve(host: str, port: int, threads: int, worker: bool) -> None:
    """Serve the web app with waitress, a production WSGI server."""
    import subprocess
    import sys

    from waitress import serve as waitress_serve

    from kamgraph import web_db
    from kamgraph.app import create_app

    with user_errors():
        app = create_app()
    child = None
    if worker:
        child = subprocess.Popen([sys.executable, "-m", "kamgraph", "worker"])
    click.echo(f"kamgraph is serving on http://{host}:{port}/ (Ctrl-C stops it)")
    try:
        waitress_serve(app, host=host, port=port, threads=threads, ident="kamgraph")
    finally:
        web_db.close(app)
        if child is not None:
            child.terminate()
            child.wait(timeout=30)
