"""Cypher by name: q("person/get") returns the text of cypher/person/get.cypher, cached."""

import difflib
import re
from functools import cache
from pathlib import Path
from typing import LiteralString, cast

from kamgraph.resources import resource_dir

_NAME = re.compile(r"[a-z0-9_]+(?:/[a-z0-9_]+)*")


class UnknownQuery(LookupError):
    """No cypher/<name>.cypher file exists for the requested name."""


def _root() -> Path:
    return resource_dir("cypher")


@cache
def query_names() -> tuple[str, ...]:
    """All query names, e.g. ('health/counts', 'person/create', ...)."""
    root = _root()
    return tuple(
        sorted(p.relative_to(root).with_suffix("").as_posix() for p in root.rglob("*.cypher"))
    )


@cache
def q(name: str) -> LiteralString:
    """Return the query text stored in cypher/<name>.cypher.

    The text comes from a file shipped with the package, never from input, so
    it is typed LiteralString: a type checker then rejects f-string Cypher.
    """
    if not _NAME.fullmatch(name) or name not in query_names():
        close = difflib.get_close_matches(name, query_names(), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        msg = f"unknown query {name!r}: no file cypher/{name}.cypher{hint}"
        raise UnknownQuery(msg)
    text = (_root() / f"{name}.cypher").read_text(encoding="utf-8")
    return cast(LiteralString, text)


def statements(name: str) -> list[LiteralString]:
    """Split a multi-statement file (like schema.cypher) on ';' line ends, without comments."""
    lines = [line for line in q(name).splitlines() if not line.lstrip().startswith("//")]
    parts = "\n".join(lines).split(";\n")
    return [cast(LiteralString, part.strip().rstrip(";")) for part in parts if part.strip()]


_PLACEHOLDER = re.compile(r"__([A-Z]+)__")
_IDENTIFIER = re.compile(r"[A-Z][A-Za-z_]*")


def q_with(name: str, **names: LiteralString) -> LiteralString:
    """A query whose labels or relationship types are filled in: q_with("x", LABEL="Person").

    Labels and types cannot be Cypher parameters. The values must be literal
    strings from the code's allowlists (kamgraph.schema), which the type
    checker enforces; they are also checked to be plain identifiers.
    """
    text = q(name)
    for key, value in names.items():
        if not _IDENTIFIER.fullmatch(value):
            msg = f"{value!r} is not a label or relationship type"
            raise ValueError(msg)
        text = cast(LiteralString, text.replace(f"__{key}__", value))
    leftover = _PLACEHOLDER.search(text)
    if leftover:
        msg = f"query {name!r} still needs {leftover.group(1)}="
        raise ValueError(msg)
    return text
