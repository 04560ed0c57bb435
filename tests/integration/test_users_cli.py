"""`kamgraph user ...` and the demo sign-ins, run as a user would, against the real Neo4j."""

from __future__ import annotations

import re
from typing import Any

import neo4j

from kamgraph.services import accounts

from .helpers import cli_env, kamgraph

EMAIL = "new.kam@northwind-medica.example"


def test_add_disable_enable_and_change_password(
    graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    env = cli_env(neo4j_config)
    added = kamgraph(
        "user",
        "add",
        EMAIL,
        "--role",
        "kam",
        "--password-stdin",
        env=env,
        stdin="first password 1\n",
    )
    assert added.returncode == 0, added.stderr
    assert "saved as u-new-kam-northwind-medica-example" in added.stdout
    user = accounts.authenticate(graph, EMAIL.upper(), "first password 1")
    assert user is not None
    assert (user.role, user.name) == ("kam", "New Kam")
    assert accounts.authenticate(graph, EMAIL, "wrong password") is None

    assert kamgraph("user", "disable", EMAIL, env=env).returncode == 0
    assert accounts.authenticate(graph, EMAIL, "first password 1") is None
    assert kamgraph("user", "enable", EMAIL, env=env).returncode == 0
    changed = kamgraph(
        "user", "passwd", EMAIL, "--password-stdin", env=env, stdin="second password 2\n"
    )
    assert changed.returncode == 0, changed.stderr
    assert accounts.authenticate(graph, EMAIL, "first password 1") is None
    assert accounts.authenticate(graph, EMAIL, "second password 2") is not None
    stored = graph.run("MATCH (u:User {email: $e}) RETURN u.password_hash AS h", e=EMAIL).single()
    assert stored is not None
    assert stored["h"].startswith("$argon2id$")


def test_bad_requests_are_one_line_and_change_nothing(
    graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    env = cli_env(neo4j_config)
    short = kamgraph(
        "user", "add", EMAIL, "--role", "kam", "--password-stdin", env=env, stdin="short\n"
    )
    assert short.returncode == 1
    assert "password too short" in short.stderr
    assert "Traceback" not in short.stderr
    assert graph.run("MATCH (u:User) RETURN count(u) AS n").single() == [0]
    role = kamgraph("user", "add", EMAIL, "--role", "boss", "--no-password", env=env)
    assert role.returncode == 2
    assert "'boss' is not one of 'kam', 'lead', 'admin'" in role.stderr
    unknown = kamgraph("user", "disable", "nobody@example.com", env=env)
    assert unknown.returncode == 1
    assert "no user with email 'nobody@example.com'" in unknown.stderr


def test_seed_demo_prints_the_same_sign_ins_every_time(
    graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    env = cli_env(neo4j_config)
    first = kamgraph("seed", "demo", env=env)
    assert first.returncode == 0, first.stderr
    sign_ins = re.findall(r"^\s+(kam|lead|admin)\s+(\S+@\S+)\s+(\S+)$", first.stdout, re.M)
    assert len(sign_ins) == 11
    assert {role for role, _, _ in sign_ins} == {"kam", "lead", "admin"}
    role, email, password = sign_ins[0]
    user = accounts.authenticate(graph, email, password)
    assert user is not None
    assert user.role == role
    again = kamgraph("seed", "demo", env=env)
    assert re.findall(r"^\s+(kam|lead|admin)\s+(\S+@\S+)\s+(\S+)$", again.stdout, re.M) == sign_ins


def test_a_kams_territory_is_set_when_she_is_added_and_kept_after(
    graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    env = cli_env(neo4j_config)
    added = kamgraph(
        "user",
        "add",
        EMAIL,
        "--role",
        "kam",
        "--region",
        "Velmora Region",
        "--no-password",
        env=env,
    )
    assert added.returncode == 0, added.stderr
    assert "(kam, territory Velmora Region)" in added.stdout
    renamed = kamgraph(
        "user", "add", EMAIL, "--role", "lead", "--name", "Nova Kam", "--no-password", env=env
    )
    assert "(lead, territory Velmora Region)" in renamed.stdout
    stored = graph.run("MATCH (u:User {email: $e}) RETURN u.region, u.role", e=EMAIL).single()
    assert stored == ["Velmora Region", "lead"]
