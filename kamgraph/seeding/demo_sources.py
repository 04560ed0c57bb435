"""The hand-written facts that seeds/make_demo.py builds the demo's ordinary staff from.

They live in seeds/demo-src/ as data (seeds/README.md lists the files): the region and its
planted structures (region.toml), the departments and offices and the jobs in them
(staff_groups.csv, staff_slots.csv), the staff named in other scripts (staff_named.csv), the
pools names and languages are drawn from (staff.toml), the organizations' e-mail domains and
phone prefixes (staff_contacts.csv), the specialty families (staff_fields.csv), the KAMs'
minor contacts (staff_covers.csv) and congress attendance (staff_attended.csv). This module
reads them into frozen values and stops with a `SourceError` on a file it cannot read.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, cast

Row = dict[str, str]
SEPARATOR = "; "  # between the items of a list in a cell, as in the import format


class SourceError(ValueError):
    """A file in seeds/demo-src/ is missing a column, a key or a value, or has a bad one."""


def read_csv(path: Path) -> list[Row]:
    """The rows of a UTF-8 CSV file, as dictionaries keyed by its header."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [dict(row) for row in csv.DictReader(handle)]


def read_table(path: Path, columns: tuple[str, ...]) -> list[Row]:
    """The rows of a CSV file whose header must be exactly `columns`, in that order."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = tuple(reader.fieldnames or ())
        if header != columns:
            msg = f"{path.name}: the header must be {', '.join(columns)}, not {', '.join(header)}"
            raise SourceError(msg)
        return [dict(row) for row in reader]


def _items(cell: str) -> tuple[str, ...]:
    """The items of a list cell ("a; b"), none for an empty cell."""
    return tuple(cell.split(SEPARATOR)) if cell else ()


def _count(row: Row, column: str, where: str) -> int:
    """A whole number of at least 1 from `row`."""
    text = row[column]
    if not text.isdigit() or int(text) < 1:
        msg = f"{where}: {column} must be a whole number of at least 1, not {text!r}"
        raise SourceError(msg)
    return int(text)


@dataclass(frozen=True)
class Slot:
    """`count` ordinary staff with one job in a group (one row of staff_slots.csv)."""

    count: int
    title: str  # their WORKS_AT title
    specialty: str
    titles: str  # "Dr.", "PharmD" or ""
    boss: str | None  # whom they report to; None: the group's head


@dataclass(frozen=True)
class Group:
    """A department or office whose ordinary staff are generated (staff_groups.csv)."""

    id: str  # the organization they work at
    department: str  # their WORKS_AT department
    head: str | None  # a key person; None: the group's first generated person heads it
    field: str  # the specialty family physicians move between hospitals in; "" for none
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class NamedStaff:
    """An ordinary staff member with a fixed name in another script (staff_named.csv, whose
    columns are these fields). They are made just before the slot of `group` and `title`,
    and do not count in it."""

    group: str
    title: str
    id: str
    given_name: str
    family_name: str
    titles: str
    specialty: str
    languages: str


@dataclass(frozen=True)
class Contact:
    """How an organization's generated e-mail addresses and phone numbers look."""

    email_domain: str
    phone_prefix: str  # after "+00 "; four random digits follow


@dataclass(frozen=True)
class StaffCovers:
    """A KAM covers `count` ordinary staff, drawn from `groups`, at a low stage."""

    user: str
    count: int
    groups: tuple[str, ...]


@dataclass(frozen=True)
class Attendance:
    """Ordinary staff in `fields` attend `event`, each with probability `chance`."""

    event: str
    fields: tuple[str, ...]
    chance: float


@dataclass(frozen=True)
class Sources:
    """Everything the generator and the checks take from seeds/demo-src/, besides the key
    people and the hand-written relationships (read as bundle rows)."""

    region: str  # the people's `region` column
    government: frozenset[str]  # roots of the government cluster; the rest is the care side
    competitors: frozenset[str]  # their staff are hand-written and get no generated ties
    trade: frozenset[str]  # purchasing centre, distributors, pharmacy chain
    society: str  # the professional society
    hand_tied: frozenset[str]  # organizations whose ties are all hand-written
    hidden_influencers: tuple[str, ...]
    bridges: tuple[str, ...]
    groups: dict[str, Group]  # in the order their staff are made
    named: tuple[NamedStaff, ...]
    given_names: tuple[str, ...]
    family_names: tuple[str, ...]
    other_languages: tuple[str, ...]
    channels: tuple[str, ...]
    contacts: dict[str, Contact]  # by root organization
    fields: dict[str, str]  # specialty -> specialty family
    staff_covers: tuple[StaffCovers, ...]
    attendance: tuple[Attendance, ...]


def read_sources(folder: Path) -> Sources:
    """Read the generator's sources from `folder` (seeds/demo-src/)."""
    region = _read_toml(folder / "region.toml")
    orgs, planted = _table(region, "orgs"), _table(region, "planted")
    pools = _read_toml(folder / "staff.toml")
    sources = Sources(
        region=_string(region, "name"),
        government=frozenset(_strings(orgs, "government")),
        competitors=frozenset(_strings(orgs, "competitors")),
        trade=frozenset(_strings(orgs, "trade")),
        society=_string(orgs, "society"),
        hand_tied=frozenset(_strings(orgs, "hand_tied")),
        hidden_influencers=_strings(planted, "hidden_influencers"),
        bridges=_strings(planted, "bridges"),
        groups=_read_groups(folder),
        named=tuple(
            NamedStaff(**row)
            for row in read_table(
                folder / "staff_named.csv", tuple(f.name for f in fields(NamedStaff))
            )
        ),
        given_names=_strings(pools, "given_names"),
        family_names=_strings(pools, "family_names"),
        other_languages=_strings(pools, "other_languages"),
        channels=_strings(pools, "channels"),
        contacts={
            row["org"]: Contact(row["email_domain"], row["phone_prefix"])
            for row in read_table(
                folder / "staff_contacts.csv", ("org", "email_domain", "phone_prefix")
            )
        },
        fields={
            row["specialty"]: row["field"]
            for row in read_table(folder / "staff_fields.csv", ("specialty", "field"))
        },
        staff_covers=tuple(
            StaffCovers(row["user"], _count(row, "count", row["user"]), _items(row["groups"]))
            for row in read_table(folder / "staff_covers.csv", ("user", "count", "groups"))
        ),
        attendance=tuple(
            Attendance(row["event"], _items(row["fields"]), _chance(row))
            for row in read_table(folder / "staff_attended.csv", ("event", "fields", "chance"))
        ),
    )
    slots = {(group.id, slot.title) for group in sources.groups.values() for slot in group.slots}
    for named in sources.named:
        if (named.group, named.title) not in slots:
            msg = f"staff_named.csv, {named.id}: no slot {named.title!r} in {named.group}"
            raise SourceError(msg)
    return sources


def _read_groups(folder: Path) -> dict[str, Group]:
    """The groups of staff_groups.csv, each with its slots from staff_slots.csv in order."""
    slots: dict[str, list[Slot]] = {}
    slot_columns = ("group", "count", "title", "specialty", "titles", "boss")
    for row in read_table(folder / "staff_slots.csv", slot_columns):
        where = f"staff_slots.csv, {row['group']} {row['title']}"
        slot = Slot(
            _count(row, "count", where),
            row["title"],
            row["specialty"],
            row["titles"],
            row["boss"] or None,
        )
        slots.setdefault(row["group"], []).append(slot)
    groups: dict[str, Group] = {}
    for row in read_table(folder / "staff_groups.csv", ("group", "department", "head", "field")):
        group = row["group"]
        groups[group] = Group(
            group, row["department"], row["head"] or None, row["field"], tuple(slots.pop(group, []))
        )
    if slots:
        msg = f"staff_slots.csv: groups not in staff_groups.csv: {', '.join(sorted(slots))}"
        raise SourceError(msg)
    return groups


def _chance(row: Row) -> float:
    """The `chance` column of staff_attended.csv: a probability between 0 and 1."""
    try:
        chance = float(row["chance"])
    except ValueError:
        chance = -1.0
    if not 0 <= chance <= 1:
        msg = f"staff_attended.csv, {row['event']}: chance must be between 0 and 1"
        raise SourceError(msg)
    return chance


def _read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's top-level table."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        msg = f"{path.name}: {error}"
        raise SourceError(msg) from error


def _table(table: dict[str, Any], key: str) -> dict[str, Any]:
    """The sub-table `key` of a TOML table."""
    value = table.get(key)
    if not isinstance(value, dict):
        msg = f"[{key}] is missing"
        raise SourceError(msg)
    return cast(dict[str, Any], value)


def _string(table: dict[str, Any], key: str) -> str:
    """The text `key` of a TOML table."""
    value = table.get(key)
    if not isinstance(value, str) or not value:
        msg = f"{key} must be a text"
        raise SourceError(msg)
    return value


def _strings(table: dict[str, Any], key: str) -> tuple[str, ...]:
    """The non-empty list of texts `key` of a TOML table, in order."""
    value = table.get(key)
    items = cast(list[Any], value) if isinstance(value, list) else []
    if not items or not all(isinstance(item, str) for item in items):
        msg = f"{key} must be a list of texts"
        raise SourceError(msg)
    return tuple(cast(list[str], items))
