"""docker-compose.yml and the Dockerfile agree with the app's configuration names."""

import re
from pathlib import Path
from typing import Any

import yaml

from kamgraph import config

REPO = Path(__file__).resolve().parents[2]


def _compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    return data


def test_neo4j_service_is_526_community_with_healthcheck_and_named_volume() -> None:
    compose = _compose()
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    volume = neo4j["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${KAMGRAPH_NEO4J_PASSWORD")


def test_app_waits_for_a_healthy_neo4j_and_uses_only_known_settings() -> None:
    services = _compose()["services"]
    app = services["app"]
    assert app["build"] == "."
    assert app["depends_on"]["neo4j"]["condition"] == "service_healthy"
    for name in app["environment"]:
        assert name.startswith(config.ENV_PREFIX), name
        assert name.removeprefix(config.ENV_PREFIX) in config.DEFAULTS, name


def test_app_reaches_neo4j_on_the_port_the_neo4j_service_listens_on() -> None:
    services = _compose()["services"]
    uri = services["app"]["environment"]["KAMGRAPH_NEO4J_URI"]
    match = re.fullmatch(r"bolt://neo4j:(\d+)", uri)
    assert match, uri
    published = [p.rsplit(":", 1)[-1] for p in services["neo4j"]["ports"]]
    assert match.group(1) in published
    assert services["app"]["environment"]["KAMGRAPH_NEO4J_USER"] == "neo4j"


def test_published_ports_bind_loopback_only_and_match_the_served_port() -> None:
    services = _compose()["services"]
    for service in services.values():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), port
    dockerfile = (REPO / "Dockerfile").read_text()
    served = re.search(r"kamgraph serve --host 0\.0\.0\.0 --port (\d+)", dockerfile)
    assert served
    assert f"127.0.0.1:{served.group(1)}:{served.group(1)}" in services["app"]["ports"]


def test_dockerfile_copies_every_folder_the_package_ships() -> None:
    dockerfile = (REPO / "Dockerfile").read_text()
    for folder in ("kamgraph", "cypher", "web", "neo4j-launcher/src"):
        assert f"COPY {folder} " in dockerfile, folder
