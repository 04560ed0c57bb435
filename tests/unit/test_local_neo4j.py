"""The local launcher's checks that need no Neo4j: versions, Java, secrets on disk."""

import re
import stat
from pathlib import Path

import pytest

from kamgraph import neo4j_local
from kamgraph.errors import Invalid
from kamgraph.resources import resource_dir
from kamgraph.secrets_store import secret_key, write_private


def test_launcher_version_matches_the_maven_project() -> None:
    pom = (resource_dir("neo4j-launcher") / "pom.xml").read_text()
    match = re.search(r"<neo4j.version>(.+)</neo4j.version>", pom)
    assert match
    assert match.group(1) == neo4j_local.NEO4J_VERSION
    assert neo4j_local.NEO4J_VERSION.startswith("5.26.")


def _fake_java(tmp_path: Path, version_line: str) -> Path:
    home = tmp_path / "jdk"
    (home / "bin").mkdir(parents=True)
    java = home / "bin" / "java"
    java.write_text(f"#!/bin/sh\necho '{version_line}' >&2\n")
    java.chmod(0o755)
    return home


@pytest.mark.parametrize(
    ("line", "major"),
    [
        ('openjdk version "17.0.15" 2025-04-15', 17),
        ('java version "1.8.0_392"', 8),
        ('openjdk version "21" 2023-09-19', 21),
    ],
)
def test_java_major_version_is_read_from_java_version(
    tmp_path: Path, line: str, major: int
) -> None:
    java = _fake_java(tmp_path, line) / "bin" / "java"
    assert neo4j_local.java_major_version(str(java)) == major


def test_wrong_java_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JAVA_HOME", str(_fake_java(tmp_path, 'openjdk version "11.0.2"')))
    with pytest.raises(
        neo4j_local.LocalNeo4jError, match=r"needs Java 17 or 21, but .* is Java 11"
    ):
        neo4j_local.find_java()


def test_missing_java_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "none"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(neo4j_local.LocalNeo4jError, match="Java not found: install a JDK 17 or 21"):
        neo4j_local.find_java()


def test_private_files_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "secret"
    write_private(path, "x")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = secret_key({"HOME": str(tmp_path)})
    assert len(first) == 64
    assert secret_key({"HOME": str(tmp_path)}) == first


@pytest.mark.parametrize("weak", ["dev", "short-key"])
def test_weak_configured_secret_key_is_refused(weak: str) -> None:
    with pytest.raises(Invalid, match="KAMGRAPH_SECRET_KEY is too weak"):
        secret_key({"SECRET_KEY": weak})
