"""People: the dossier aggregate."""

from typing import Any

import neo4j

from kamgraph.cypher import q
from kamgraph.repository._tx import write_rows


def create(session: neo4j.Session, props: dict[str, Any]) -> str:
    """Create a Person; a duplicate id raises kamgraph.errors.Conflict."""
    (row,) = write_rows(session, q("person/create"), props=props)
    return str(row["id"])
