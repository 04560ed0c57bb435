"""Server status for the health page and `kamgraph db status`."""

from dataclasses import dataclass

import neo4j

from kamgraph.cypher import q
from kamgraph.repository._tx import read_rows


@dataclass(frozen=True)
class ServerStatus:
    """What the health page shows."""

    version: str
    edition: str
    nodes: int
    relationships: int


def server_status(session: neo4j.Session) -> ServerStatus:
    """The Neo4j version and edition, and the node and relationship counts."""
    (row,) = read_rows(session, q("health/server"))
    return ServerStatus(**row)
