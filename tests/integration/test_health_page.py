"""The health page and the app's error pages and headers, served against the real Neo4j."""

import neo4j
from flask.testing import FlaskClient

from kamgraph.services import accounts

from .web_support import KAM, PASSWORD, sign_in


def test_status_page_shows_neo4j_version_and_node_count(
    client: FlaskClient, graph: neo4j.Session
) -> None:
    graph.run("UNWIND range(1, 3) AS i CREATE (:Person {id: 'p' + i})").consume()
    accounts.add_user(graph, KAM, role="kam", name="Kira", password=PASSWORD)
    sign_in(client, KAM)
    page = client.get("/status")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Neo4j Kernel 5.26." in html
    # 3 people, the user, the revision, the audit entry of the sign-in and the head of the
    # audit chain
    assert '<dd data-testid="node-count">7</dd>' in html


def test_health_json_for_the_compose_healthcheck(client: FlaskClient) -> None:
    body = client.get("/health").get_json()
    assert body["status"] == "ok"
    assert body["nodes"] == 0  # public: the compose healthcheck does not sign in
    assert body["neo4j"].startswith("Neo4j Kernel 5.26.")


def test_unknown_url_is_a_404_page_not_a_traceback(client: FlaskClient) -> None:
    page = client.get("/no/such/page")
    assert page.status_code == 404
    html = page.get_data(as_text=True)
    assert "404 · Not found" in html
    assert "Traceback" not in html


def test_pages_carry_security_headers(client: FlaskClient) -> None:
    headers = client.get("/login").headers
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self';" in csp
    assert "unsafe-inline" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
