"""Finds the data folders (cypher/, web/, neo4j-launcher/) in a checkout or an installed wheel."""

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resource_dir(name: str) -> Path:
    """Return the folder `name`: inside the package when installed, beside it in a checkout."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    msg = f"kamgraph is missing its {name}/ folder; reinstall the package"
    raise FileNotFoundError(msg)
