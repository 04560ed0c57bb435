"""Repository: one module per aggregate; dataclasses in and out, Cypher by name."""

from kamgraph.repository._tx import count_from_here

__all__ = ["count_from_here"]
