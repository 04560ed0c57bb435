"""kamgraph: a relationship-graph knowledge base of decision makers for key account managers.

Importing the package loads nothing heavy: `kamgraph.analytics` never pulls in Flask or
the driver. `create_app` (the web app factory, for `flask --app kamgraph`) and `connect`
(a configured driver, for scripts and notebooks) are loaded on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kamgraph._version import __version__

if TYPE_CHECKING:
    from kamgraph.app import create_app
    from kamgraph.db import connect

__all__ = ["__version__", "connect", "create_app"]


def __getattr__(name: str) -> Any:
    """Load `create_app` and `connect` when they are first asked for (PEP 562)."""
    if name == "create_app":
        from kamgraph.app import create_app

        return create_app
    if name == "connect":
        from kamgraph.db import connect

        return connect
    msg = f"module 'kamgraph' has no attribute {name!r}"
    raise AttributeError(msg)
