"""The audit trail is a hash chain: `kamgraph audit verify` finds a rewritten, deleted or
inserted entry and names it; `kamgraph audit show` says who viewed or changed a person."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import neo4j
import pytest
from flask import Flask

from kamgraph import clock, web_db
from kamgraph.app import create_app
from kamgraph.repository import audit

from .helpers import cli_env, kamgraph
from .web_support import ADMIN, KAM, LEAD, demo_app_on, edit_form, sign_in


@pytest.fixture
def trail(graph: neo4j.Session, neo4j_config: dict[str, Any]) -> neo4j.Session:
    """The demo, and a few views and one change through the web app: about a dozen
    chained entries."""
    app: Flask = demo_app_on(graph, neo4j_config)
    kira, hana = app.test_client(), app.test_client()
    sign_in(kira, KAM)
    sign_in(hana, LEAD)
    for path in ("/people/p-ada-rowan", "/people/p-irena-sokol", "/people/p-ada-rowan/brief"):
        assert kira.get(path).status_code == 200
    assert hana.get("/people/p-ada-rowan").status_code == 200
    form = edit_form(kira, "/people/p-ada-rowan/edit")
    assert (
        kira.post("/people/p-ada-rowan/edit", data={**form, "hobbies": "sailing"}).status_code
        == 302
    )
    web_db.close(app)
    return graph


def _verify(config: dict[str, Any]) -> tuple[int, str]:
    ran = kamgraph("audit", "verify", env=cli_env(config))
    return ran.returncode, ran.stdout


def test_an_untouched_trail_verifies(trail: neo4j.Session, neo4j_config: dict[str, Any]) -> None:
    code, out = _verify(neo4j_config)
    assert code == 0, out
    count = trail.run("MATCH (a:AuditEntry) RETURN count(a) AS n").single()
    assert count is not None
    assert f"audit trail intact: {count['n']} entries" in out
    assert "head: entry" in out


@pytest.mark.parametrize(
    ("tampering", "said"),
    [
        (
            ["MATCH (a:AuditEntry {seq: 3}) SET a.user_id = 'u-someone-else'"],
            [
                "BROKEN after 2 good entries: entry 3 (",
                "u-someone-else",
                "was changed after it was written",
            ],
        ),
        (
            ["MATCH (a:AuditEntry {seq: 4}) DELETE a"],
            ["BROKEN after 3 good entries", "entries 4 to 4 are missing: deleted before entry 5"],
        ),
        # A forged entry slipped in as number 3, the real ones renumbered after it (in two
        # steps: the numbers are unique at every moment): it cannot carry the hash the
        # next entry expects.
        (
            [
                "MATCH (a:AuditEntry) WHERE a.seq >= 3 SET a.seq = a.seq + 100000",
                "MATCH (a:AuditEntry) WHERE a.seq >= 100003 SET a.seq = a.seq - 99999",
                "MATCH (b:AuditEntry {seq: 2}) CREATE (:AuditEntry {seq: 3, at: b.at,"
                " user_id: 'u-kira', action: 'view', target_id: 'p-x', path: '/people/p-x',"
                " prev: b.hash, hash: 'f00'})",
            ],
            ["BROKEN after 2 good entries: entry 3 (", "u-kira view p-x"],
        ),
        (
            [
                "MATCH (a:AuditEntry) WHERE a.details IS NOT NULL"
                ' SET a.details = \'{"hobbies": ["chess", "go"]}\''
            ],
            ["edit p-ada-rowan) was changed after it was written"],
        ),
    ],
    ids=["rewritten", "deleted", "inserted", "details"],
)
def test_a_tampered_entry_is_named(
    trail: neo4j.Session, neo4j_config: dict[str, Any], tampering: list[str], said: list[str]
) -> None:
    for statement in tampering:
        trail.run(statement).consume()  # pyright: ignore[reportArgumentType]
    code, out = _verify(neo4j_config)
    assert code == 1
    for words in said:
        assert words in out


def test_deleting_the_last_entries_is_found(
    trail: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    head = trail.run("MATCH (h:AuditHead) RETURN h.seq AS n").single()
    assert head is not None
    trail.run("MATCH (a:AuditEntry) WHERE a.seq >= $n - 1 DELETE a", n=head["n"]).consume()
    code, out = _verify(neo4j_config)
    assert code == 1
    assert f"entries {head['n'] - 1} to {head['n']} were deleted" in out


def test_who_viewed_or_changed_a_person(trail: neo4j.Session, neo4j_config: dict[str, Any]) -> None:
    ran = kamgraph("audit", "show", "--person", "p-ada-rowan", env=cli_env(neo4j_config))
    assert ran.returncode == 0
    lines = ran.stdout.splitlines()
    assert any(
        "u-kira" in line and "edit" in line and "/people/p-ada-rowan/edit" in line for line in lines
    )
    assert any("u-lead-hana" in line and "view" in line for line in lines)
    assert not any("p-irena-sokol" in line for line in lines)
    code, _ = _verify(neo4j_config)
    assert code == 0  # reading the trail is recorded, in the chain
    recorded = trail.run(
        "MATCH (a:AuditEntry {action: 'audit read', target_id: 'p-ada-rowan'}) RETURN count(a)"
    ).single()
    assert recorded == [1]


def test_an_admin_reads_who_viewed_a_dossier_and_a_kam_may_not(
    trail: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    app = create_app({**neo4j_config, "SECRET_KEY": "a" * 40, "RATELIMIT_ENABLED": False})
    admin, kira = app.test_client(), app.test_client()
    sign_in(admin, ADMIN)
    sign_in(kira, KAM)
    assert "Who viewed this" in admin.get("/people/p-ada-rowan").get_data(as_text=True)
    assert "Who viewed this" not in kira.get("/people/p-ada-rowan").get_data(as_text=True)
    page = admin.get("/audit/people/p-ada-rowan").get_data(as_text=True)
    rows = re.findall(
        r'<td data-label="Who">([^<]+) <span class="muted small">[^<]+</span></td>'
        r'<td data-label="What">([^<]+)</td>',
        page,
    )
    assert ("Kira Lund", "edited") in rows
    assert ("Hana Vesterlund", "viewed") in rows
    assert kira.get("/audit/people/p-ada-rowan").status_code == 403
    assert admin.get("/audit/people/p-nobody").status_code == 404
    read = trail.run(
        "MATCH (a:AuditEntry {action: 'audit read', target_id: 'p-ada-rowan'}) RETURN count(a)"
    ).single()
    assert read == [1]
    web_db.close(app)


def test_a_sensitive_change_is_recorded_as_changed_never_with_its_values() -> None:
    from kamgraph.repository._entity import _changes  # pyright: ignore[reportPrivateUsage]
    from kamgraph.schema import PEOPLE

    before = {"notes": "trained by Prof. Quist", "hobbies": ["sailing"], "version": 3}
    after = {"notes": "prefers Tuesdays", "hobbies": ["sailing", "chess"], "version": 4}
    assert _changes(PEOPLE, before, after, {"notes": "x", "hobbies": "x", "version": 4}) == {
        "hobbies": [["sailing"], ["sailing", "chess"]],
        "notes": ["(sensitive)", "(sensitive)"],
    }


def test_the_admin_page_shows_what_an_edit_changed(
    trail: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    app = create_app({**neo4j_config, "SECRET_KEY": "a" * 40, "RATELIMIT_ENABLED": False})
    admin = app.test_client()
    sign_in(admin, ADMIN)
    page = admin.get("/audit/people/p-ada-rowan").get_data(as_text=True)
    assert "hobbies: sailing, opera → sailing" in page
    web_db.close(app)


def _old_entries(session: neo4j.Session, days: int, count: int) -> None:
    """`count` entries written `days` days before the run's day."""
    with clock.fixed(clock.today() - timedelta(days=days)):
        for n in range(count):
            audit.record(
                session,
                user_id="u-kira",
                action="view",
                target_id=f"p-old-{n}",
                path=f"/people/p-old-{n}",
            )


def test_a_retention_prune_keeps_the_chain_verifiable(
    graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    _old_entries(graph, 2000, 5)
    _old_entries(graph, 10, 3)
    env = cli_env(neo4j_config)
    dry = kamgraph("audit", "prune", "--keep-days", "365", "--dry-run", env=env)
    assert "dry run: 5 entries are older than" in dry.stdout
    ran = kamgraph("audit", "prune", "--keep-days", "365", env=env)
    assert ran.returncode == 0, ran.stderr
    assert "removed 5 entries" in ran.stdout
    assert "the chain starts after entry 5" in ran.stdout
    left = graph.run("MATCH (a:AuditEntry) RETURN collect(a.action)").single()
    assert left is not None
    assert sorted(left[0]) == ["audit prune", "view", "view", "view"]
    code, out = _verify(neo4j_config)
    assert code == 0, out
    assert "audit trail intact: 4 entries (entries 1 to 5 were removed" in out
    assert "head: entry 9," in out


def test_deleting_the_oldest_entries_without_a_prune_is_found(
    graph: neo4j.Session, neo4j_config: dict[str, Any]
) -> None:
    _old_entries(graph, 2000, 3)
    _old_entries(graph, 10, 3)
    env = cli_env(neo4j_config)
    assert kamgraph("audit", "prune", "--keep-days", "365", env=env).returncode == 0
    # Someone deletes two more entries and moves the base past them by hand.
    graph.run("MATCH (a:AuditEntry) WHERE a.seq IN [4, 5] DELETE a").consume()
    graph.run(
        "MATCH (h:AuditHead), (a:AuditEntry {seq: 6}) SET h.base_seq = 5, h.base_hash = a.prev"
    ).consume()
    code, out = _verify(neo4j_config)
    assert code == 1
    assert "entries 1 to 5 are gone and no retention prune in the chain removed them" in out
