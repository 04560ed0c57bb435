"""Domain errors raised by the repository and services; views map them to HTTP."""


class KamgraphError(Exception):
    """Base class: its message is one line a user can act on."""


class NotFound(KamgraphError):
    """The requested record does not exist."""


class Conflict(KamgraphError):
    """A write clashed with existing data: a duplicate id or a stale version."""


class Invalid(KamgraphError):
    """Input failed validation; the message says which field and why."""


class Forbidden(KamgraphError):
    """The signed-in user may not see or change this record."""


class Unavailable(KamgraphError):
    """Neo4j cannot be reached or refused our credentials."""
