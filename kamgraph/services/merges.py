"""Merging two records of one person: the merge page (both side by side, a choice per
differing field) and the merge itself, audited; `kamgraph people merge`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import neo4j

from kamgraph.cypher import q
from kamgraph.errors import FieldInvalid, NotFound
from kamgraph.i18n import N_
from kamgraph.models import Person
from kamgraph.repository import people
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import read_rows
from kamgraph.schema import PEOPLE
from kamgraph.services import duplicates
from kamgraph.services import scope as scopes

# The fields a merge chooses between: every column of people.csv but the id, the version
# and the provenance (the survivor keeps its own).
FIELDS: tuple[str, ...] = tuple(
    c.name for c in PEOPLE.columns if c.name not in ("id", "version", "source")
)
SIDES = ("a", "b")


@dataclass(frozen=True)
class Counts(Row):
    """What a merge moves of one person."""

    id: str
    ties: int
    interactions: int


@dataclass(frozen=True)
class Side:
    """One of the two records on the merge page."""

    person: Person
    counts: Counts


@dataclass(frozen=True)
class FieldChoice:
    """A field of the two records as the page shows it: both values as text, and whether
    they differ (then the reader picks one)."""

    name: str
    a: str
    b: str

    @property
    def differs(self) -> bool:
        return self.a != self.b


@dataclass(frozen=True)
class MergePage:
    """/people/merge: both records, their fields, and why they may be one person."""

    a: Side
    b: Side
    fields: tuple[FieldChoice, ...]
    pair: duplicates.Pair


def shown(value: object) -> str:
    """A field's value as the page and the command show it (a list as 'a; b')."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)  # pyright: ignore[reportUnknownVariableType, reportUnknownArgumentType]
    if isinstance(value, date):
        return value.isoformat()
    return str(value)  # a Birthday reads 31.12.1965


def merge_page(
    session: neo4j.Session, scope: scopes.Scope, a_id: str, b_id: str
) -> MergePage | None:
    """Both records side by side, if `scope` reads both and both exist (else None)."""
    if a_id == b_id or scopes.readable(session, scope, "person", [a_id, b_id]) != {a_id, b_id}:
        return None
    a, b = people.get(session, a_id), people.get(session, b_id)
    pair = duplicates.pair_of(session, a_id, b_id)
    if a is None or b is None or pair is None:
        return None
    rows = read_rows(session, q("person/merge_counts"), ids=[a_id, b_id])
    counts = {c.id: c for c in Counts.from_maps(rows)}
    fields = tuple(FieldChoice(n, shown(getattr(a, n)), shown(getattr(b, n))) for n in FIELDS)
    return MergePage(Side(a, counts[a_id]), Side(b, counts[b_id]), fields, pair)


@dataclass(frozen=True)
class Merged:
    """A merge done: who survived, who went, and the fields taken from the one who went."""

    kept: Person
    merged_away: str
    from_duplicate: tuple[str, ...]


def merge(
    session: neo4j.Session,
    a_id: str,
    b_id: str,
    *,
    keep: str,
    choices: Mapping[str, str],
    versions: tuple[int, int] | None,
    by: str,
) -> Merged:
    """Merge records `a_id` and `b_id` into the one `keep` ("a" or "b") names.

    `choices` say, per field, which side's value stays ("a" or "b"); a field not named
    keeps the survivor's value (its blanks filled, lists united). `versions` are a's and
    b's as the choice was made: a newer one is a Conflict, nothing merged. The audit entry
    of the change (the caller's `audited`) names both ids and the fields that came from
    the record that went (repository/people.merge_people).
    """
    if keep not in SIDES:
        raise FieldInvalid("keep", N_("choose the record whose id stays: a or b"))
    for name, side in choices.items():
        if name not in FIELDS:
            raise FieldInvalid(name, N_("not a field of a person"))
        if side not in SIDES:
            raise FieldInvalid(name, N_("choose a or b"))
    keep_id, gone_id = (a_id, b_id) if keep == "a" else (b_id, a_id)
    gone_side = "b" if keep == "a" else "a"
    taken = [name for name, side in choices.items() if side == gone_side]
    ordered = (
        None if versions is None else (versions if keep == "a" else (versions[1], versions[0]))
    )
    if people.get(session, keep_id) is None or people.get(session, gone_id) is None:
        raise NotFound(N_("Nothing here: the record may have been deleted or merged."))
    result = people.merge_people(
        session, keep_id, gone_id, from_duplicate=taken, versions=ordered, by=by
    )
    return Merged(result.person, gone_id, result.from_duplicate)


def survivor_of(session: neo4j.Session, scope: scopes.Scope, person_id: str) -> str | None:
    """The person a merged-away id was merged into, if `scope` reads them (else None)."""
    survivor = people.merged_into(session, person_id)
    if survivor is None or not scopes.readable(session, scope, "person", [survivor]):
        return None
    return survivor
