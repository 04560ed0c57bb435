"""Backups of the local Neo4j: its store and password as one .tar.gz, and back.

Neo4j Community has no online backup, so these copy the store while Neo4j is stopped
(a checkpointed, consistent store); `kamgraph db backup` stops it for the seconds the
copy takes and starts it again. A restore keeps the data it replaces beside it, so a
wrong archive loses nothing.
"""

from __future__ import annotations

import io
import json
import shutil
import tarfile
from datetime import datetime
from pathlib import Path

from kamgraph import clock
from kamgraph.neo4j_local import NEO4J_VERSION, LocalNeo4j, LocalNeo4jError, owner_only

MANIFEST = "kamgraph-backup.json"
FORMAT = 1


def backup(local: LocalNeo4j, path: Path) -> dict[str, object]:
    """Write the stopped store of `local` to `path` (.tar.gz); returns the manifest."""
    _refuse_if_running(local, "backed up")
    data = local.neo4j_home / "data"
    if not data.is_dir():
        raise LocalNeo4jError(f"nothing to back up: no database under {local.home}")
    manifest: dict[str, object] = {
        "format": FORMAT,
        "neo4j": NEO4J_VERSION,
        "at": clock.now().isoformat(),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with tarfile.open(partial, "w:gz", compresslevel=1) as archive:
        _add_text(archive, MANIFEST, json.dumps(manifest))
        archive.add(data, arcname="data")
        if local.password_file.exists():
            archive.add(local.password_file, arcname="neo4j.password")
    partial.chmod(0o600)  # it holds every dossier and the database password
    partial.replace(path)
    return manifest


def check(path: Path) -> dict[str, object]:
    """The manifest of the backup at `path`, or LocalNeo4jError saying why it is not one.

    Read before anything is stopped or moved.
    """
    try:
        with tarfile.open(path, "r:gz") as archive:
            names = set(archive.getnames())
            if MANIFEST not in names or "data" not in names:
                raise LocalNeo4jError(f"{path} is not a kamgraph backup (no {MANIFEST})")
            manifest: dict[str, object] = json.loads(_read_text(archive, MANIFEST))
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise LocalNeo4jError(f"{path} is not a kamgraph backup: {error}") from error
    if manifest.get("neo4j") != NEO4J_VERSION:
        msg = (
            f"{path} was made by Neo4j {manifest.get('neo4j')}; this kamgraph runs "
            f"{NEO4J_VERSION}: restore it with the version that made it"
        )
        raise LocalNeo4jError(msg)
    return manifest


def restore(local: LocalNeo4j, path: Path) -> Path:
    """Replace the stopped store of `local` by the backup at `path` (see :func:`check`).

    Returns where the replaced data was kept; if the archive cannot be unpacked, the
    replaced data is put back.
    """
    _refuse_if_running(local, "restored")
    check(path)
    local.neo4j_home.mkdir(parents=True, exist_ok=True)
    data = local.neo4j_home / "data"
    kept = local.neo4j_home / f"data.before-restore-{_stamp(clock.now())}"
    if data.exists():
        data.rename(kept)
    try:
        with tarfile.open(path, "r:gz") as archive:
            archive.extractall(local.neo4j_home, members=_store_members(archive), filter="data")
            if "neo4j.password" in archive.getnames():
                local.password_file.write_bytes(_read_text(archive, "neo4j.password").encode())
    except (tarfile.TarError, EOFError, OSError) as error:
        shutil.rmtree(data, ignore_errors=True)
        if kept.exists():
            kept.rename(data)
        raise LocalNeo4jError(f"{path} could not be unpacked ({error}); nothing changed") from error
    owner_only(local.home)
    return kept


def _refuse_if_running(local: LocalNeo4j, what: str) -> None:
    if local.pid() is not None:
        raise LocalNeo4jError(f"Neo4j is running; stop it before the store is {what}")


def _store_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    return [m for m in archive.getmembers() if m.name == "data" or m.name.startswith("data/")]


def _add_text(archive: tarfile.TarFile, name: str, text: str) -> None:
    payload = text.encode()
    info = tarfile.TarInfo(name)
    info.size = len(payload)
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(payload))


def _read_text(archive: tarfile.TarFile, name: str) -> str:
    handle = archive.extractfile(name)
    if handle is None:
        raise LocalNeo4jError(f"{name} is missing from the backup")
    return handle.read().decode()


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")
