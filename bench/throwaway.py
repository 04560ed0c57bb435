"""A throwaway local Neo4j for a benchmark: its own home on a free port, gone afterwards."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Generator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kamgraph import config, db


@contextmanager
def neo4j_home(
    prefix: str, *, heap: str = "2g", pagecache_mb: int = 2048
) -> Generator[tuple[Path, dict[str, Any]]]:
    """(a temporary folder, settings of the Neo4j started in its home/); stopped and
    removed at the end."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    settings = {
        **config.from_env(),
        "HOME": str(work / "home"),
        "NEO4J_PASSWORD": None,
        "NEO4J_URI": None,
        "ANALYSIS_SOCKET": None,
    }
    local = db.local_neo4j(settings)
    local.start(port=0, heap=heap, pagecache_mb=pagecache_mb)
    try:
        yield work, settings
    finally:
        local.stop()
        shutil.rmtree(work, ignore_errors=True)
