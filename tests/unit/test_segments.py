"""Segments in the import format: the list parser, and the check across a row's cells."""

from __future__ import annotations

import pytest

from kamgraph import fields as f
from kamgraph import models
from kamgraph.schema import PEOPLE


def _parse(column: str, value: str) -> object:
    found = PEOPLE.column(column)
    assert found is not None
    return found.parse(value)


def test_segments_read_like_other_coded_values_without_repeats() -> None:
    assert _parse("segments", "KOL; dmu member; kol") == ("kol", "dmu_member")
    with pytest.raises(f.CellError, match="'vipp': did you mean 'vip'"):
        _parse("segments", "kol; vipp")


def test_reach_and_boundary_have_floors() -> None:
    assert _parse("kol_reach", "0") == 0
    with pytest.raises(f.CellError, match="0 is below 1"):
        _parse("contact_every_days", "0")


def test_a_kol_tier_needs_kol_among_the_segments_when_the_row_says_them() -> None:
    wrong = PEOPLE.problems({"segments": ("vip",), "kol_tier": "national", "kol_reach": None})
    assert [column for column, _ in wrong] == ["kol_tier"]
    assert PEOPLE.problems({"segments": ("kol",), "kol_tier": "national"}) == []
    assert PEOPLE.problems({"kol_tier": "national"}) == []  # the stored segments decide


def test_the_boundary_defaults_are_the_strictest_of_the_segments() -> None:
    assert models.contact_boundary(("official", "prescriber"), None, None) == 60
    assert models.contact_boundary(("kol",), None, None) == 90  # a KOL without a tier: local
    assert models.contact_boundary(("pharmacist",), None, 120) == 120  # their own wins
