"""Typed rows at the repository edge: a query's `RETURN` map becomes a small frozen dataclass.

A page's data crosses the layers as these rows, never as dictionaries, so a key renamed in a
`.cypher` file fails here, where the row is read, and not when a template renders::

    @dataclass(frozen=True)
    class Tie(Row):
        id: str
        name: str
        weight: float | None

    ties = Tie.from_maps(record["moved_by"])

`Row.from_map` takes the map's keys one for one: a key the row lacks or a field the map
lacks (unless the field has a default) is a `RowShapeError`. Values are made Python's on the
way (driver dates and times become `datetime.date` / `datetime.datetime`), and a field typed
as another row, a list of rows or an optional row is read as one, so nested `COLLECT`s are
typed too. A field whose stored form needs reading (a JSON property, say) names its reader
in its metadata: `field(metadata={"read": SpecialCategory.from_json})`.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any, Self

from kamgraph.repository._props import plain


class RowShapeError(ValueError):
    """A query's map does not have the keys its row declares: the query and the row disagree."""


@dataclasses.dataclass(frozen=True)
class Row:
    """Base of the typed rows; subclasses are frozen dataclasses."""

    @classmethod
    def from_map(cls, value: Mapping[str, Any]) -> Self:
        """The row of one query map (see the module's docstring)."""
        fields = _fields(cls)
        extra = set(value) - fields.keys()
        missing = {n for n, f in fields.items() if f.required and n not in value}
        if extra or missing:
            msg = f"{cls.__name__}: the query returned {sorted(extra)} it does not declare"
            msg += f" and lacks {sorted(missing)}" if missing else ""
            raise RowShapeError(msg)
        return cls(**{name: fields[name].read(v) for name, v in value.items()})

    @classmethod
    def from_maps(cls, values: Iterable[Mapping[str, Any]]) -> list[Self]:
        """The rows of a list of query maps, in order."""
        return [cls.from_map(v) for v in values]


@dataclasses.dataclass(frozen=True)
class _Field:
    required: bool
    row: type[Row] | None  # the row a value (or each item of a list value) is read as
    many: bool  # a list of rows
    reader: Callable[[Any], Any] | None  # the field's own reader, from its metadata

    def read(self, value: Any) -> Any:
        if self.reader is not None:
            return self.reader(plain(value))
        if self.row is None or value is None:
            return plain(value)
        if self.many:
            return [self.row.from_map(v) for v in value]
        return self.row.from_map(value)


@cache
def _fields(cls: type[Row]) -> dict[str, _Field]:
    hints = typing.get_type_hints(cls)
    found: dict[str, _Field] = {}
    for field in dataclasses.fields(cls):
        required = (
            field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        )
        row, many = _row_in(hints[field.name])
        reader = field.metadata.get("read")
        found[field.name] = _Field(required=required, row=row, many=many, reader=reader)
    return found


def _row_in(hint: Any) -> tuple[type[Row] | None, bool]:
    """The row type a field's type names (as itself, in a list, or optional), if any."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(hint):
            row, many = _row_in(arg)
            if row is not None:
                return row, many
        return None, False
    if origin is list:
        (item,) = typing.get_args(hint)
        row, _ = _row_in(item)
        return row, row is not None
    if isinstance(hint, type) and issubclass(hint, Row):
        return hint, False
    return None, False
