"""The API's OpenAPI 3.1 description, made from the code: the routes of views/api.py (each
says what it takes and returns with @documented), the records' dataclasses in models.py
(their JSON Schema by pydantic) and the import format's columns (kamgraph/schema.py) for
what a write takes; and the records as JSON, by the same pydantic adapters."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

from flask import Flask
from pydantic import TypeAdapter

from kamgraph import __version__
from kamgraph.models import Organization, Person, Tender
from kamgraph.repository.api_lists import (
    InteractionItem,
    OrganizationItem,
    PersonItem,
    TenderItem,
    TieItem,
)
from kamgraph.repository.interactions import Meeting
from kamgraph.schema import RELATIONSHIPS, TABLES_BY_NAME, Column
from kamgraph.services import api

F = TypeVar("F", bound=Callable[..., Any])
_REF = "#/components/schemas/{model}"

# The records and list items the API returns, by their schema's name.
RECORDS: dict[str, type[Any]] = {
    "Person": Person,
    "Organization": Organization,
    "Tender": Tender,
    "Interaction": Meeting,
    "PersonItem": PersonItem,
    "OrganizationItem": OrganizationItem,
    "TenderItem": TenderItem,
    "InteractionItem": InteractionItem,
    "TieItem": TieItem,
}
_LISTS = {
    "PersonList": "PersonItem",
    "OrganizationList": "OrganizationItem",
    "TenderList": "TenderItem",
    "InteractionList": "InteractionItem",
    "TieList": "TieItem",
}
# A list's query parameters: how each is described.
_QUERY: dict[str, dict[str, Any]] = {
    "q": {
        "schema": {"type": "string"},
        "description": "search words (the search box's matches; one page)",
    },
    "limit": {"schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
    "cursor": {"schema": {"type": "string"}, "description": "next_cursor of the page before"},
    "updated_since": {
        "schema": {"type": "string"},
        "description": "only records changed at or after this moment, by last change: an ISO "
        "date (midnight UTC) or date and time (2026-11-30T08:00:00Z)",
    },
    "person": {
        "schema": {"type": "string"},
        "description": "a person's id: the ties at either end / the interactions with them",
    },
    "kam": {"schema": {"type": "string"}, "description": "the user id of the KAM who logged it"},
    "mine": {"schema": {"type": "boolean"}, "description": "true: those you logged"},
    "since": {"schema": {"type": "string", "format": "date"}, "description": "dated on or after"},
    "until": {"schema": {"type": "string", "format": "date"}, "description": "dated on or before"},
    "type": {"schema": {"type": "string"}, "description": "a tie type (WORKS_AT, KNOWS, ...)"},
    "current": {
        "schema": {"type": "boolean"},
        "description": "true: ties that hold today; false: ended ones",
    },
}
# What query=True means: the record lists' parameters.
_RECORD_LIST = ("q", "limit", "cursor", "updated_since")


@dataclasses.dataclass(frozen=True)
class Doc:
    """What a route says of itself in the description."""

    summary: str
    response: str
    body: str | None = None  # the import table whose columns a write takes
    query: tuple[str, ...] = ()  # a list's query parameters (_QUERY)
    ok: int = 200


def documented(
    summary: str,
    *,
    response: str,
    body: str | None = None,
    query: bool | tuple[str, ...] = False,
    ok: int = 200,
) -> Callable[[F], F]:
    """Describe a route for /api/v1/openapi.json; `query`: the list's parameters (True: a
    record list's: q, limit, cursor, updated_since)."""
    params = _RECORD_LIST if query is True else query or ()

    def mark(view: F) -> F:
        view.api_doc = Doc(summary, response, body, params, ok)  # type: ignore[attr-defined]
        return view

    return mark


@cache
def _adapter(kind: type[Any]) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def record_json(shown: api.Shown[Any]) -> dict[str, Any]:
    """A record as JSON, without the fields its reader may not see."""
    found = _dump(shown.record)
    return {k: v for k, v in found.items() if k not in shown.hidden}


def plain_json(row: Any) -> dict[str, Any]:
    """A typed row as JSON."""
    return _dump(row)


def _dump(value: object) -> dict[str, Any]:
    return _adapter(value.__class__).dump_python(value, mode="json")


def list_json(page: api.ListPage) -> dict[str, Any]:
    """A page of a list as JSON."""
    return {"items": [plain_json(i) for i in page.items], "next_cursor": page.next_cursor}


def _cell_schema(column: Column) -> dict[str, Any]:
    """A column as a write takes it: the import's text, or JSON that says the same."""
    kinds: list[dict[str, Any]] = [
        {"type": "string"},
        {"type": "number"},
        {"type": "boolean"},
        {"type": "null"},
    ]
    if column.many:
        kinds.append({"type": "array", "items": {"type": "string"}})
    if column.name == "birthday":
        kinds.append(
            {
                "type": "object",
                "properties": {
                    "month": {"type": "integer"},
                    "day": {"type": "integer"},
                    "year": {"type": ["integer", "null"]},
                },
            }
        )
    return {"anyOf": kinds, "description": str(column.help or column.name)}


def _body_schema(table_name: str, *, patch: bool) -> dict[str, Any]:
    table = RELATIONSHIPS if table_name == RELATIONSHIPS.name else TABLES_BY_NAME[table_name]
    hidden = {"source", "version", "recorded_at", "recorded_by"}
    if table_name == "interactions":
        hidden |= {"user_id", "follow_up_id"}  # the token's user logged it and follows it up
    props = {c.name: _cell_schema(c) for c in table.columns if c.name not in hidden}
    props["special_category_reason"] = {
        "type": "string",
        "description": "why special-category words (health, beliefs, ...) are recorded",
    }
    schema: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    if patch and table_name == "interactions":  # its KAM and its people stay
        props = {
            k: v
            for k, v in props.items()
            if k in (*api.INTERACTION_FIELDS, "special_category_reason")
        }
        schema["properties"] = props
    if patch:
        props.pop("id", None)
        props["version"] = {"type": "integer", "description": "the version you read"}
        schema["required"] = ["version"]
    else:
        schema["required"] = [
            c.name for c in table.columns if c.required and c.name != "id" and c.name in props
        ]
    return schema


def _components() -> dict[str, Any]:
    schemas: dict[str, Any] = {}
    for name, kind in RECORDS.items():
        found = TypeAdapter(kind).json_schema(mode="serialization", ref_template=_REF)
        schemas.update(found.pop("$defs", {}))
        schemas[name] = found
    for name, item in _LISTS.items():
        schemas[name] = {
            "type": "object",
            "required": ["items", "next_cursor"],
            "properties": {
                "items": {"type": "array", "items": {"$ref": _REF.format(model=item)}},
                "next_cursor": {
                    "type": ["string", "null"],
                    "description": "the next page's cursor; null on the last",
                },
            },
        }
    schemas["TieSaved"] = {
        "type": "object",
        "required": ["type", "from_id", "to_id", "current"],
        "properties": {
            "type": {"type": "string"},
            "from_id": {"type": "string"},
            "to_id": {"type": "string"},
            "current": {"type": "boolean"},
        },
    }
    schemas["Error"] = {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["status", "title", "message", "field"],
                "properties": {
                    "status": {"type": "integer"},
                    "title": {"type": "string"},
                    "message": {"type": "string"},
                    "field": {
                        "type": ["string", "null"],
                        "description": "the request's field at fault",
                    },
                    "fields": {
                        "type": "object",
                        "additionalProperties": {"type": "string"},
                        "description": "every field's problem",
                    },
                },
            },
            "current": {"description": "on a 409: the record as it is now"},
        },
    }
    return schemas


_ERRORS = {
    "400": "a field is wrong (error.field names it, as the import would)",
    "401": "no valid token",
    "403": "your role or your token's scope may not do this",
    "404": "no such record, or outside your scope",
    "409": "the record changed since the version you sent (current: the record now)",
    "429": "too many requests with this token",
    "503": "the database is not reachable; try again",
}


def _operation(rule_path: str, method: str, doc: Doc) -> dict[str, Any]:
    content = {"application/json": {"schema": {"$ref": _REF.format(model=doc.response)}}}
    error = {"application/json": {"schema": {"$ref": _REF.format(model="Error")}}}
    operation: dict[str, Any] = {
        "summary": doc.summary,
        "responses": {
            str(doc.ok): {"description": doc.summary, "content": content},
            **{code: {"description": says, "content": error} for code, says in _ERRORS.items()},
        },
    }
    params = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in re.findall(r"\{(\w+)\}", rule_path)
    ]
    params += [{"name": name, "in": "query", **_QUERY[name]} for name in doc.query]
    if params:
        operation["parameters"] = params
    if doc.body is not None:
        schema = _body_schema(doc.body, patch=method == "patch")
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": schema}},
        }
    return operation


def document(app: Flask) -> dict[str, Any]:
    """The OpenAPI document of the app's /api/v1 routes."""
    paths: dict[str, dict[str, Any]] = {}
    for rule in app.url_map.iter_rules():
        if not (rule.endpoint or "").startswith("api."):
            continue
        doc: Doc | None = getattr(app.view_functions[rule.endpoint], "api_doc", None)
        if doc is None:
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(path, method.lower(), doc)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "kamgraph API",
            "version": __version__,
            "description": "People, organizations, tenders, interactions and ties; "
            "see docs/api.md.",
        },
        "servers": [{"url": "/"}],
        "security": [{"token": []}],
        "paths": paths,
        "components": {
            "schemas": _components(),
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
        },
    }
