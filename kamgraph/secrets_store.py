"""Secrets kept on disk for the local install: owner-only files under KAMGRAPH_HOME."""

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kamgraph import config
from kamgraph.errors import Invalid

# Keys anyone could guess; the app refuses to sign sessions with them.
_PLACEHOLDERS = {"dev", "secret", "changeme", "change-me", "development"}
MIN_SECRET_LENGTH = 32


def write_private(path: Path, text: str) -> None:
    """Write a file readable by its owner only (created 0600, never briefly wider)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def secret_key(settings: Mapping[str, Any]) -> str:
    """KAMGRAPH_SECRET_KEY if set (and strong), else one generated once into KAMGRAPH_HOME."""
    configured = settings.get("SECRET_KEY")
    if configured:
        key = str(configured)
        if key.lower() in _PLACEHOLDERS or len(key) < MIN_SECRET_LENGTH:
            msg = (
                f"KAMGRAPH_SECRET_KEY is too weak: use at least {MIN_SECRET_LENGTH} random "
                "characters, e.g. python -c 'import secrets; print(secrets.token_hex(32))'"
            )
            raise Invalid(msg)
        return key
    path = config.home_dir(settings) / "secret_key"
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        key = secrets.token_hex(32)
        write_private(path, key + "\n")
        return key
