"""People: the dossier aggregate. Versioned edits, idempotent creates, clean deletes and merges."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, LiteralString, cast

import neo4j

from kamgraph import clock
from kamgraph.cypher import q, q_with
from kamgraph.errors import Conflict, Invalid, NotFound
from kamgraph.models import Person
from kamgraph.repository import _entity, history
from kamgraph.repository._props import node_params, node_row
from kamgraph.repository._tx import note_change, read_rows, write
from kamgraph.schema import PEOPLE, RELATIONSHIP_RULES

_ALL_COLUMNS = {c.name for c in PEOPLE.columns}


def to_props(person: Person, only: set[str] | None = None) -> dict[str, Any]:
    """The node properties of a person (lists, birthday parts, display name).

    `only` limits them to those columns (and the display name), for a partial update.
    """
    row = {f.name: getattr(person, f.name) for f in dataclasses.fields(person)}
    params = node_params(PEOPLE, row, _ALL_COLUMNS if only is None else only, person.source)
    return {"id": person.id, **params["props"], "version": person.version}


def from_props(props: dict[str, Any]) -> Person:
    """A Person from node properties."""
    row = node_row(PEOPLE, props)
    row = {k: v for k, v in row.items() if v is not None}
    for name in ("titles", "languages", "hobbies", "family", "values", "segments"):
        row[name] = tuple(row.get(name, ()))
    return Person(**row)


def get(session: neo4j.Session, person_id: str) -> Person | None:
    """The person with this id, or None."""
    props = _entity.get_props(session, PEOPLE.label, person_id)
    return None if props is None else from_props(props)


def create(session: neo4j.Session, person: Person) -> Person:
    """Create a person at version 1.

    Idempotent: creating the very same person again (a retried transaction, a
    double-submitted form) returns it. A different person with the same id is
    a Conflict.
    """
    new = dataclasses.replace(person, version=1, collected_on=person.collected_on or clock.today())
    stored = _entity.create_props(
        session, PEOPLE.label, to_props(new), same=lambda props: from_props(props) == new
    )
    return from_props(stored)


def update(
    session: neo4j.Session,
    person: Person,
    *,
    expected_version: int,
    only: set[str] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> Person:
    """Save an edit made on `expected_version`; a newer stored version raises Conflict.

    `only` writes just those columns, so fields nobody touched (say, an empty lawful
    basis) are never filled with a default. `extra` are properties beside the columns
    (the special-category record, kamgraph.screening.record), written in the same
    transaction. The losing edit of a conflict is not written anywhere; the caller still
    holds it and can show both versions.
    """
    props = {k: v for k, v in to_props(person, only).items() if k not in ("id", "version")}
    props.update(extra or {})
    stored = _entity.update_props(
        session, PEOPLE, person.id, props, expected_version=expected_version
    )
    return from_props(stored)


def delete(session: neo4j.Session, person_id: str) -> int:
    """Delete a person and their relationships; return how many orphaned interactions went too.

    Interactions with other participants stay; one left with nobody is deleted.
    """

    def work(tx: neo4j.ManagedTransaction) -> int | None:
        record = tx.run(q("person/delete"), id=person_id).single()
        return None if record is None else int(record["interactions_deleted"])

    deleted = write(session, work)
    if deleted is None:
        msg = f"no person with id {person_id!r}"
        raise NotFound(msg)
    return deleted


def merged(keep: Person, duplicate: Person) -> Person:
    """`keep` with its blanks filled from `duplicate` and list fields united (keep's first)."""
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(Person):
        mine, theirs = getattr(keep, f.name), getattr(duplicate, f.name)
        if isinstance(mine, tuple):
            changes[f.name] = tuple(dict.fromkeys((*mine, *theirs)))  # type: ignore[misc]
        elif mine is None and theirs is not None:
            changes[f.name] = theirs
    return dataclasses.replace(keep, **changes)


@dataclass(frozen=True)
class MergeResult:
    """A merge done: the surviving person, and the fields whose value came from the
    duplicate (chosen, or a blank of the kept record filled)."""

    person: Person
    from_duplicate: tuple[str, ...]


def merge(
    session: neo4j.Session,
    keep_id: str,
    duplicate_id: str,
    *,
    from_duplicate: Collection[str] = (),
    versions: tuple[int, int] | None = None,
) -> Person:
    """Merge a duplicate into `keep_id` in one transaction, keeping every relationship.

    See :func:`merge_people`; this returns only the surviving person."""
    return merge_people(
        session, keep_id, duplicate_id, from_duplicate=from_duplicate, versions=versions
    ).person


def merge_people(
    session: neo4j.Session,
    keep_id: str,
    duplicate_id: str,
    *,
    from_duplicate: Collection[str] = (),
    versions: tuple[int, int] | None = None,
    by: str = "manual",
) -> MergeResult:
    """Merge a duplicate into `keep_id` in one transaction, keeping every relationship.

    The kept record's fields stand, its blanks are filled from the duplicate and lists
    are united, except the fields named in `from_duplicate`, which take the duplicate's
    value (unless it is empty). Every relationship of the duplicate, of any type and in
    both directions, moves to the kept person; where both had the same tie (both knew
    the same person), the kept person's own tie wins, and KNOWS stays stored once. The
    duplicate's id is remembered (`merged_ids`, and a MergedPerson that leads to the kept
    person). With `versions` (the kept one's, the duplicate's, as the merge was decided
    on) a newer stored version of either is a Conflict, and nothing is written. `by` (a
    user id) is kept with the MergedPerson. The change log gets a `merged` entry about the
    kept person, and the duplicate's entries become the kept person's.
    """
    if keep_id == duplicate_id:
        msg = "cannot merge a person into themselves"
        raise Invalid(msg)
    keep, duplicate = get(session, keep_id), get(session, duplicate_id)
    if keep is None or duplicate is None:
        missing = keep_id if keep is None else duplicate_id
        msg = f"no person with id {missing!r}"
        raise NotFound(msg)
    unknown = set(from_duplicate) - _ALL_COLUMNS
    if unknown:
        msg = f"no such field: {', '.join(sorted(unknown))}"
        raise Invalid(msg)
    filled = merged(keep, duplicate)
    chosen = {
        name: getattr(duplicate, name)
        for name in from_duplicate
        if name != "id" and getattr(duplicate, name) not in (None, "", ())
    }  # an empty value is never chosen over a filled one: the blank is filled instead
    result = dataclasses.replace(filled, **chosen)
    taken = tuple(
        sorted(
            f.name
            for f in dataclasses.fields(Person)
            if f.name not in ("id", "version")
            and getattr(result, f.name) != getattr(keep, f.name)
            and getattr(result, f.name) == getattr(duplicate, f.name)
        )
    )
    props = {k: v for k, v in to_props(result).items() if k not in ("id", "version")}
    ids = {"keep": keep_id, "duplicate": duplicate_id, "at": clock.now()}

    def work(tx: neo4j.ManagedTransaction) -> bool:
        stored = tx.run(q("person/merge_versions"), ids).single(strict=True)
        if versions is not None and (stored["keep"], stored["duplicate"]) != versions:
            msg = "one of the two records was changed since the merge was prepared"
            raise Conflict(msg)
        tx.run(q("person/merge_drop_mutual"), ids).consume()
        types = tx.run(q("person/merge_types"), ids).single(strict=True)
        _move_ties(tx, ids, out=types["out"], into=types["in"])
        finished = tx.run(
            q("person/merge_finish"), ids, props=props, at=clock.now(), by=by
        ).single()
        if finished is None:
            # Something we do not know how to move: roll back rather than lose it.
            msg = f"{duplicate_id} has relationships a merge cannot move; nothing was changed"
            raise Conflict(msg)
        # The merge is history too: an entry about the kept person, and the duplicate's
        # own entries (their links moved with its ties) now name the kept person.
        history.adopt_changes(tx, keep_id, duplicate_id)
        history.log_merge(
            tx,
            keep_id,
            (duplicate_id, duplicate.name),
            {n: (getattr(keep, n), getattr(duplicate, n)) for n in taken},
            by=by,
        )
        return True

    # The audit entry of the change, if one is pending, names both records and the fields
    # whose value came from the one that went, never values (some are sensitive):
    # "id": [gone, kept] (the id went to the survivor), field: [kept, gone].
    note_change({"id": [duplicate_id, keep_id], **{n: [keep_id, duplicate_id] for n in taken}})
    write(session, work)
    stored = get(session, keep_id)
    if stored is None:  # pragma: no cover - deleted concurrently
        msg = f"no person with id {keep_id!r}"
        raise NotFound(msg)
    return MergeResult(stored, taken)


def _move_ties(
    tx: neo4j.ManagedTransaction, ids: dict[str, Any], *, out: list[str], into: list[str]
) -> None:
    """Move every relationship of the duplicate, of the types `out` (from it) and `into`
    (to it), to the kept person (merge_people)."""
    for rel_type in sorted(set(out) | set(into)):
        rule = RELATIONSHIP_RULES.get(rel_type)
        if rule is not None and rule.symmetric:
            moving = q_with("person/merge_move_symmetric", TYPE=rule.type)
            tx.run(moving, ids, stamp=True).consume()
            continue
        if rel_type == "NOT_DUPLICATE":  # "not the same as C" holds for the survivor too
            moving = q_with("person/merge_move_symmetric", TYPE="NOT_DUPLICATE")
            tx.run(moving, ids, stamp=False).consume()
            continue
        name = cast(LiteralString, rel_type)  # q_with checks it is a plain identifier
        stamp = rule is not None  # a tie of the graph (the API lists it), not a link
        if rel_type in out:
            tx.run(q_with("person/merge_move_out", TYPE=name), ids, stamp=stamp).consume()
        if rel_type in into:
            tx.run(q_with("person/merge_move_in", TYPE=name), ids, stamp=stamp).consume()


def merged_into(session: neo4j.Session, person_id: str) -> str | None:
    """The id of the person `person_id` was merged into, if it was merged away."""
    rows = read_rows(session, q("person/merged_into"), id=person_id)
    return str(rows[0]["id"]) if rows else None
