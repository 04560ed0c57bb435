"""The `kamgraph` command: one click group, its subcommands one module each.

The modules import only click and kamgraph's light modules at the top; each command
imports the driver, Flask or NetworkX when it runs. So `kamgraph --help` loads none of
them, and `kamgraph db status` never loads NetworkX.
"""

from __future__ import annotations

import logging

import click

from kamgraph import clock
from kamgraph.cli._common import user_errors
from kamgraph.cli.analyze import analyze_group
from kamgraph.cli.audit import audit_group
from kamgraph.cli.data import export_command, import_command
from kamgraph.cli.db import db_group
from kamgraph.cli.privacy import privacy_group
from kamgraph.cli.seed import seed_group
from kamgraph.cli.serve import serve
from kamgraph.cli.team import team_group
from kamgraph.cli.transfers import transfers_group
from kamgraph.cli.user import user_group
from kamgraph.cli.worker import worker_command

COMMANDS: tuple[click.Command, ...] = (
    db_group,
    import_command,
    export_command,
    seed_group,
    analyze_group,
    user_group,
    audit_group,
    privacy_group,
    transfers_group,
    team_group,
    serve,
    worker_command,
)


def _quiet_driver_log() -> None:
    """The driver logs a lost connection as it happens; a command says it once, in words."""
    driver_log = logging.getLogger("neo4j")
    if not driver_log.handlers:  # once per process, however many commands run in it
        driver_log.addHandler(logging.NullHandler())
        driver_log.propagate = False


@click.group(commands=COMMANDS)
@click.version_option(package_name="kamgraph")
def cli() -> None:
    """kamgraph: decision makers, influence and warm paths for key account managers.

    Neo4j: the local one under KAMGRAPH_HOME, or KAMGRAPH_NEO4J_URI if set.
    KAMGRAPH_TODAY=YYYY-MM-DD makes the app and every command see that day as today.
    """
    _quiet_driver_log()
    with user_errors():
        clock.check()
