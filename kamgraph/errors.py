"""Domain errors raised by the repository and services; views map them to HTTP."""

from kamgraph.i18n import Message


class KamgraphError(Exception):
    """Base class: its message is one line a user can act on.

    `message` may hold `%(name)s` places filled from `values`, and be marked with
    `kamgraph.i18n.N_`: `str(error)` is the English line (for the command line and the
    log), and a page shows `message` translated, then filled (kamgraph/web_i18n.py).
    """

    def __init__(self, message: str = "", /, **values: object) -> None:
        self.message = message
        self.values = values
        super().__init__(str(Message(message, **values)) if values else message)

    @property
    def said(self) -> Message:
        """The error's line as a Message: English as a str, the reader's language on a
        page (the `said` filter)."""
        if not self.message:
            return Message(str(self))
        return Message(self.message, **self.values)


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


class FieldInvalid(Invalid):
    """One field of a form or a command is wrong: `field` names it, and the message (with
    its values, as KamgraphError's) says why. The English line is "field: why"."""

    def __init__(self, field: str, message: str, /, **values: object) -> None:
        super().__init__(message, **values)
        self.field = field
        self.args = (f"{field}: {self.args[0]}",)
