"""The Neo4j driver: where Neo4j is, one configured driver, the health check, the schema."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, LiteralString
from urllib.parse import urlsplit

import neo4j
from neo4j.exceptions import AuthError, ServiceUnavailable

from kamgraph import config
from kamgraph._version import __version__
from kamgraph.cypher import q, statements
from kamgraph.errors import Invalid, Unavailable
from kamgraph.neo4j_local import LocalNeo4j


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and how to reach Neo4j."""

    uri: str
    user: str
    password: str | None
    database: str
    local: LocalNeo4j | None  # set when this is the project's own local Neo4j

    def __repr__(self) -> str:  # never print the password
        return f"Neo4jSettings(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"


def local_neo4j(settings: Mapping[str, Any]) -> LocalNeo4j:
    """The local Neo4j of KAMGRAPH_HOME."""
    return LocalNeo4j(home=config.home_dir(settings), cache=config.cache_dir(settings))


def neo4j_settings(settings: Mapping[str, Any] | None = None) -> Neo4jSettings:
    """Resolve the connection: KAMGRAPH_NEO4J_URI if set, else the local Neo4j of KAMGRAPH_HOME."""
    settings = config.from_env() if settings is None else settings
    user = str(settings.get("NEO4J_USER") or "neo4j")
    database = str(settings.get("NEO4J_DATABASE") or "neo4j")
    password = settings.get("NEO4J_PASSWORD")
    password = None if password in (None, "") else str(password)
    uri = settings.get("NEO4J_URI")
    if uri:
        uri = str(uri)
        scheme = urlsplit(uri).scheme
        if scheme not in config.URI_SCHEMES:
            allowed = ", ".join(f"{s}://" for s in config.URI_SCHEMES)
            msg = f"KAMGRAPH_NEO4J_URI {uri!r} must start with one of {allowed}"
            raise Invalid(msg)
        return Neo4jSettings(uri, user, password, database, local=None)
    local = local_neo4j(settings)
    return Neo4jSettings(local.uri, user, password or local.password(), database, local=local)


def connect(settings: Mapping[str, Any] | None = None) -> neo4j.Driver:
    """A driver configured exactly as the CLI's and the app's, for scripts and notebooks.

    For example ``connect().execute_query("RETURN 1 AS one", database_="neo4j")``.
    """
    return driver_for(neo4j_settings(settings))


def driver_for(resolved: Neo4jSettings, *, timeout: float = 30.0) -> neo4j.Driver:
    """Create the process's driver for resolved settings.

    `timeout` bounds, in seconds, connecting, waiting for a pooled connection and retrying
    a transaction: long for commands, short for a web request, which must answer a
    friendly 503 in seconds when Neo4j is down rather than queue behind the retries.
    """
    if resolved.password is None:
        hint = (
            "start it with `kamgraph db start`" if resolved.local else "set KAMGRAPH_NEO4J_PASSWORD"
        )
        msg = f"no Neo4j password for {resolved.uri}: {hint}"
        raise Unavailable(msg)
    return neo4j.GraphDatabase.driver(
        resolved.uri,
        auth=(resolved.user, resolved.password),
        user_agent=f"kamgraph/{__version__}",
        connection_acquisition_timeout=timeout,
        connection_timeout=min(timeout / 2, 30.0),
        # The driver checks the retry window before it sleeps its backoff (1 s, then 2 s,
        # +-20%), so a window of half the timeout keeps the whole wait within it: a web
        # request with Neo4j gone answers its 503 in about 1-1.5 s of a 2 s timeout.
        max_transaction_retry_time=timeout / 2,
        # Notifications (deprecations, cartesian products) are for query authors,
        # whose tests run with warnings as errors; users never see them.
        notifications_min_severity="OFF",
    )


def check(driver: neo4j.Driver, database: str) -> str:
    """Verify credentials and reachability; return the server's product string."""
    try:
        info = driver.get_server_info()
        driver.execute_query("RETURN 1", database_=database)
    except AuthError as error:
        msg = f"Neo4j refused the credentials: {error.message}"
        raise Unavailable(msg) from error
    except (ServiceUnavailable, OSError) as error:
        raise Unavailable(unreachable_reason(error)) from error
    return f"{info.agent}"


def unreachable_reason(error: BaseException) -> str:
    """One short line for a driver's (often multi-line) connection error."""
    text = str(error).lower()
    for known, said in (
        ("connection refused", "connection refused"),
        ("timed out", "timed out"),
        ("name or service not known", "name or service not known"),
        ("defunct connection", "the connection was lost"),
    ):
        if known in text:
            return said
    return str(error).strip().splitlines()[0] if text.strip() else type(error).__name__


def apply_schema(session: neo4j.Session) -> int:
    """Apply cypher/schema.cypher idempotently; return how many constraints/indexes were added."""
    added = 0
    for statement in statements("schema"):

        def apply(tx: neo4j.ManagedTransaction, text: LiteralString = statement) -> int:
            counters = tx.run(text).consume().counters
            return counters.constraints_added + counters.indexes_added

        added += session.execute_write(apply)
    session.execute_read(lambda tx: tx.run(q("schema/await_indexes")).consume())
    return added
