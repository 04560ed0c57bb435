"""Domain errors raised by the repository and services; views map them to HTTP."""


class KamgraphError(Exception):
    """Base class: its message is one line a user can act on.

    `message` may hold `%(name)s` places filled from `values`, and be marked with
    `kamgraph.i18n.N_`: `str(error)` is the English line (for the command line and the
    log), and a page shows `message` translated, then filled (kamgraph/web_i18n.py).
    """

    def __init__(self, message: str = "", /, **values: object) -> None:
        self.message = message
        self.values = values
        super().__init__(message % values if values else message)


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
