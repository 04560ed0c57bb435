"""Python values to Neo4j properties and back, for every node table of the bundle spec."""

from __future__ import annotations

from typing import Any, LiteralString

import neo4j.time

from kamgraph import clock, folding, models
from kamgraph.models import DEFAULT_LAWFUL_BASIS, Birthday
from kamgraph.schema import Table

# The field a record is found by, per label: its search key is made from it on every write.
NAMED_BY: dict[LiteralString, str] = {
    "Person": "name",
    "Organization": "name",
    "Tender": "title",
    "Event": "name",
}


def store_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value) if value else None  # type: ignore[arg-type]
    return value


def node_params(
    table: Table, row: dict[str, Any], present: set[str], source: str
) -> dict[str, Any]:
    link_columns = {link.column for link in table.links}
    props: dict[str, Any] = {}
    for column in table.columns:
        name = column.name
        if name in ("id", "version") or name in link_columns or name not in present:
            continue
        if name == "birthday":
            props.update(birthday_props(row.get(name)))
        else:
            props[name] = store_value(row.get(name))
    if "source" in props and props["source"] is None:
        props["source"] = source
    if table.label == "Person":
        props["name"] = display_name(row)
        # Keys the duplicate search groups people by (repository/duplicates.py).
        for column, key in NAME_KEYS.items():
            if column in props:
                props[key] = folding.name_key(props[column])
        for kept in ON_CREATE_PERSON:  # never emptied: the default (or the stored value) stays
            if kept in props and props[kept] is None:
                props.pop(kept)
    named_by = NAMED_BY.get(table.label)
    if named_by is not None and named_by in props:  # a person is found by nickname too
        props.update(search_key_props(props[named_by], props.get("nickname")))
    return {"id": row["id"], "props": props, "version": row.get("version")}


ON_CREATE_PERSON = ("lawful_basis", "collected_on")
# A person's name parts in Latin letters (folding.name_key), beside the name they come from.
NAME_KEYS = {"family_name": "family_key", "given_name": "given_key"}


def on_create(label: str) -> dict[str, Any]:
    """Properties a new `label` node gets unless its row says otherwise: a person's lawful
    basis (legitimate interest) and the day we collected their data (today)."""
    if label != "Person":
        return {}
    return {"lawful_basis": DEFAULT_LAWFUL_BASIS, "collected_on": clock.today()}


def search_key_props(*names: str | None) -> dict[str, Any]:
    """The search key of a record named `names` (kamgraph.folding), and its rule's version."""
    return {"search_key": folding.search_key(*names), "search_key_v": folding.KEY_VERSION}


def display_name(row: dict[str, Any]) -> str:
    return models.display_name(
        row.get("titles") or (), row["given_name"], row.get("patronymic"), row["family_name"]
    )


def birthday_props(birthday: Birthday | None) -> dict[str, Any]:
    if birthday is None:
        return dict.fromkeys(("birthday_year", "birthday_month", "birthday_day", "birthday_md"))
    return {
        "birthday_year": birthday.year,
        "birthday_month": birthday.month,
        "birthday_day": birthday.day,
        "birthday_md": birthday.month_day,
    }


def native(value: Any) -> Any:
    """Driver temporal values to Python's; lists to tuples."""
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime):
        return value.to_native()
    if isinstance(value, list):
        return tuple(native(v) for v in value)  # type: ignore[misc]
    return value


def node_row(table: Table, props: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for column in table.columns:
        if column.name == "birthday":
            month, day = props.get("birthday_month"), props.get("birthday_day")
            year = props.get("birthday_year")
            row["birthday"] = Birthday(month, day, year) if month and day else None
        else:
            row[column.name] = native(props.get(column.name))
    return row


def plain(value: Any) -> Any:
    """A query result's value with driver temporals made Python's, recursively (lists stay)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}  # pyright: ignore[reportUnknownVariableType]
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]  # pyright: ignore[reportUnknownVariableType]
    return native(value)
