"""Typed rows at the repository edge: a query map and its row must agree key for key."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import neo4j.time
import pytest

from kamgraph.repository._rows import Row, RowShapeError
from kamgraph.repository.dossier import Interaction
from kamgraph.screening.record import Justification, SpecialCategory


@dataclass(frozen=True)
class Ref(Row):
    id: str
    name: str


@dataclass(frozen=True)
class Meeting(Row):
    id: str
    on: date
    others: list[Ref]
    chair: Ref | None
    note: str | None = None
    tags: list[str] = field(default_factory=list[str])


def test_a_map_becomes_a_row_with_nested_rows_and_python_dates() -> None:
    row = Meeting.from_map(
        {
            "id": "m1",
            "on": neo4j.time.Date(2026, 3, 12),
            "others": [{"id": "p1", "name": "Aino"}],
            "chair": {"id": "p2", "name": "Pietro"},
        }
    )
    assert row == Meeting("m1", date(2026, 3, 12), [Ref("p1", "Aino")], Ref("p2", "Pietro"))
    assert type(row.on) is date


def test_a_renamed_key_fails_where_the_row_is_read() -> None:
    with pytest.raises(RowShapeError, match=r"returned \['date'\].*lacks \['on'\]"):
        Meeting.from_map({"id": "m1", "date": date(2026, 3, 12), "others": [], "chair": None})


def test_a_missing_optional_key_takes_the_default_but_an_unknown_key_is_refused() -> None:
    assert Meeting.from_map({"id": "m", "on": None, "others": [], "chair": None}).tags == []
    with pytest.raises(RowShapeError, match="extra"):
        Ref.from_map({"id": "p", "name": "Aino", "extra": 1})


def test_a_field_with_its_own_reader_reads_the_stored_form() -> None:
    why = Justification("consent on file", "u1", "2026-01-02T10:00:00+00:00", ("health",))
    stored = SpecialCategory(fields={"notes": ("health",)}, justifications=(why,))
    row = Interaction.from_map(
        {
            "id": "i1", "date": date(2026, 1, 2), "kind": "meeting", "notes": None,
            "commitments": None, "next_step": None, "due_date": None, "done": False,
            "user": None, "others": [], "special_category": stored.to_json(),
        }
    )  # fmt: skip
    assert row.special_category == stored
