"""`kamgraph user ...`: add, disable and re-password the people who sign in to the app."""

from __future__ import annotations

import sys
from collections.abc import Generator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from kamgraph.cli._common import actor, connected_session, user_errors
from kamgraph.models import LOCALES, USER_ROLES

if TYPE_CHECKING:
    import neo4j


@contextmanager
def _session(action: str, email: str) -> Generator[neo4j.Session]:
    """A session whose change is audited as `action` on `email`, by the CLI's user."""
    from kamgraph.repository import audit

    entry = {
        "user_id": actor(),
        "action": action,
        "target_id": email.strip().lower(),
        "path": f"kamgraph {action}",
    }
    with connected_session() as session, user_errors(), audit.audited(**entry):
        yield session


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@click.group("user")
def user_group() -> None:
    """Manage who signs in to the web app (roles: kam, lead, admin, compliance)."""


@user_group.command("add")
@click.argument("email")
@click.option("--role", type=click.Choice(USER_ROLES), required=True)
@click.option("--name", help="Display name (default: from the email).")
@click.option(
    "--region",
    help="Their territory: a KAM reads its people and organizations, "
    "a lead her team's (kept as it was if not given).",
)
@click.option(
    "--lang",
    type=click.Choice(LOCALES),
    help="The web app's language for them (default: their browser's).",
)
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin.")
@click.option("--no-password", is_flag=True, help="Add without a password (cannot sign in).")
def user_add(
    email: str,
    role: str,
    name: str | None,
    region: str | None,
    lang: str | None,
    password_stdin: bool,
    no_password: bool,
) -> None:
    """Add a user, or change an existing user's role, name and territory."""
    from kamgraph.services import accounts

    password = None if no_password else _read_password(password_stdin)
    with _session("user add", email) as session:
        user = accounts.add_user(
            session, email, role=role, name=name, password=password, region=region, lang=lang
        )
    where = f", territory {user.region}" if user.region else ", no territory yet"
    click.echo(f"user {user.email} ({user.role}{where}) saved as {user.id}")


@user_group.command("disable")
@click.argument("email")
def user_disable(email: str) -> None:
    """Refuse a user's sign-in from now on (their history stays)."""
    _set_active(email, active=False)


@user_group.command("enable")
@click.argument("email")
def user_enable(email: str) -> None:
    """Allow a disabled user to sign in again."""
    _set_active(email, active=True)


def _set_active(email: str, *, active: bool) -> None:
    from kamgraph.services import accounts

    with _session("user enable" if active else "user disable", email) as session:
        user = accounts.set_active(session, email, active=active)
    said = "enabled" if active else "disabled: they can no longer sign in"
    click.echo(f"user {user.email} {said}")


@user_group.command("passwd")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the new password from stdin.")
def user_passwd(email: str, password_stdin: bool) -> None:
    """Set a user's password (prompted twice, or read from stdin)."""
    from kamgraph.services import accounts

    password = _read_password(password_stdin)
    with _session("user passwd", email) as session:
        user = accounts.set_password(session, email, password)
    click.echo(f"password of {user.email} changed")
