"""Repository: one module per aggregate; dataclasses in and out, Cypher by name."""

from kamgraph.repository._tx import count_from_here, counting_records

__all__ = ["count_from_here", "counting_records"]
