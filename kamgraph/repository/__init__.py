"""Repository: one module per aggregate; dataclasses in and out, Cypher by name."""
