"""The JSON API (/api/v1): people, organizations, tenders, interactions and ties, for the
teams that sync kamgraph with a CRM (Veeva, Salesforce).

A request signs in with a personal token (`Authorization: Bearer kgt_...`, made on the
account page), never with the session cookie: the API therefore needs no CSRF token, and a
page's cookie cannot call it. A token acts as its user, through the pages' own rules: the
reads go through services/scope.py (a record outside the scope is a 404, sensitive fields
are left out), the writes through access.change (audited), the checks are the import's
(services/editing.py, services/records_form.py). A read token cannot write (403).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, cast

from flask import Blueprint, current_app, g, jsonify, request
from flask.typing import ResponseReturnValue

from kamgraph import clock, web_db
from kamgraph.errors import Conflict, FieldInvalid, Forbidden
from kamgraph.i18n import N_
from kamgraph.repository import api_lists
from kamgraph.repository import interactions as interactions_repo
from kamgraph.repository import users as users_repo
from kamgraph.schema import RELATIONSHIP_RULES, RELATIONSHIPS
from kamgraph.screening import record as special
from kamgraph.services import api, api_tokens, editing, records_form, references
from kamgraph.views import access, api_spec
from kamgraph.views.api_spec import documented
from kamgraph.views.errors import json_error
from kamgraph.views.limits import limiter
from kamgraph.web_i18n import gettext as _
from kamgraph.web_i18n import said

bp = Blueprint("api", __name__, url_prefix="/api/v1")

LIMIT_DEFAULT = 50
LIMIT_MOST = 200
_READS = ("GET", "HEAD", "OPTIONS")
_TABLES = {
    "person": "people",
    "organization": "organizations",
    "tender": "tenders",
    "interaction": "interactions",
}
_EDITABLE = {
    "person": editing.PERSON,
    "organization": editing.ORGANIZATION,
    "tender": editing.TENDER,
}
_READ: dict[str, Callable[..., Any]] = {
    "person": api.person,
    "organization": api.organization,
    "tender": api.tender,
    "interaction": api.interaction,
}


def _token_key() -> str:
    """Rate limits count per token (a digest: the token never reaches the limiter's store)."""
    header = request.headers.get("Authorization", "")
    return "api:" + hashlib.sha256(header.encode()).hexdigest()[:32]


def _rate() -> str:
    return str(current_app.config.get("API_RATE_LIMIT") or "600/minute")  # pyright: ignore[reportUnknownArgumentType]


limiter.limit(_rate, key_func=_token_key)(bp)


@bp.before_request
def _sign_in_by_token() -> ResponseReturnValue | None:
    """The token's user becomes the request's user (the cookie is never read here)."""
    if request.endpoint == "api.openapi":
        return None
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    session = web_db.get_session()
    holder = api_tokens.holder(session, token.strip()) if scheme.lower() == "bearer" else None
    user = users_repo.get(session, holder.user_id) if holder is not None else None
    if holder is None or user is None or not user.active:
        response, status = json_error(
            401,
            "Unauthorized",
            _("Send a valid API token: Authorization: Bearer <token> (from your account page)."),
        )
        response.headers["WWW-Authenticate"] = 'Bearer realm="kamgraph"'
        return response, status
    g._login_user = access.SignedIn.starting_now(user)  # Flask-Login's user for this request
    g.api_token_scope = holder.scope
    if request.method not in _READS and holder.scope != "write":
        raise Forbidden(N_("This token may only read: make a write token on your account page."))
    return None


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    """The OpenAPI 3.1 description of this API, made from its routes and models."""
    return jsonify(api_spec.document(current_app))


# --- reading ---------------------------------------------------------------------------


def _limit() -> int:
    raw = request.args.get("limit", str(LIMIT_DEFAULT))
    if not raw.isdigit() or not 1 <= int(raw) <= LIMIT_MOST:
        raise FieldInvalid("limit", N_("A whole number from 1 to %(most)d."), most=LIMIT_MOST)
    return int(raw)


def _updated_since() -> datetime | None:
    return api.moment_of(request.args.get("updated_since", ""), "updated_since")


def _yes_no(name: str) -> bool | None:
    """A true/false filter; absent or blank: either."""
    raw = request.args.get(name, "").strip().lower()
    if raw in ("", "true", "false"):
        return None if not raw else raw == "true"
    raise FieldInvalid(name, N_("One of: %(types)s."), types=("false", "true"))


def _paged(
    table: str, fetch: Callable[..., Any], *args: Any, **filters: Any
) -> ResponseReturnValue:
    """A page of a list in the reader's scope: `fetch` with the filters, the last change
    asked for and the page's cursor and size; audited as a list of `table`."""
    page = access.load(
        fetch,
        access.scope(),
        *args,
        **filters,
        updated_since=_updated_since(),
        cursor=request.args.get("cursor", ""),
        limit=_limit(),
    )
    access.record("api list", table, {"count": len(page.items)})
    return jsonify(api_spec.list_json(page))


def _list(kind: str) -> ResponseReturnValue:
    text = request.args.get("q", "").strip()
    return _paged(_TABLES[kind], api.listed, kind, text=text)


def _one(kind: str, record_id: str) -> ResponseReturnValue:
    # Reading a person is audited as a view of her, as her dossier is.
    audit_target = record_id if kind == "person" else None
    shown = access.load_for(access.EVERYONE, audit_target, _READ[kind], access.scope(), record_id)
    return jsonify(api_spec.record_json(shown))


@bp.get("/people")
@documented("List the people you may read", query=True, response="PersonList")
def people() -> ResponseReturnValue:
    """People in the reader's scope, by id."""
    return _list("person")


@bp.get("/people/<person_id>")
@documented("A person (sensitive fields only if your pages show them)", response="Person")
def person(person_id: str) -> ResponseReturnValue:
    """One person."""
    return _one("person", person_id)


@bp.get("/organizations")
@documented("List the organizations you may read", query=True, response="OrganizationList")
def organizations() -> ResponseReturnValue:
    """Organizations in the reader's scope, by id."""
    return _list("organization")


@bp.get("/organizations/<org_id>")
@documented("An organization", response="Organization")
def organization(org_id: str) -> ResponseReturnValue:
    """One organization."""
    return _one("organization", org_id)


@bp.get("/tenders")
@documented("List the tenders you may read", query=True, response="TenderList")
def tenders() -> ResponseReturnValue:
    """Tenders in the reader's scope, by id."""
    return _list("tender")


@bp.get("/tenders/<tender_id>")
@documented("A tender", response="Tender")
def tender(tender_id: str) -> ResponseReturnValue:
    """One tender."""
    return _one("tender", tender_id)


@bp.get("/interactions")
@documented(
    "List the interactions you may read, by last change",
    query=("person", "kam", "mine", "since", "until", "updated_since", "limit", "cursor"),
    response="InteractionList",
)
def interactions() -> ResponseReturnValue:
    """Interactions in the reader's scope: with a person, logged by a KAM (or by me),
    dated in a period, changed since a moment."""
    me = access.viewer()
    kam = request.args.get("kam", "").strip() or None
    if _yes_no("mine"):
        kam = me.id
    wanted = api_lists.InteractionFilter(
        person=request.args.get("person", "").strip() or None,
        kam=kam,
        since_day=api.day_of(request.args.get("since", ""), "since"),
        until_day=api.day_of(request.args.get("until", ""), "until"),
    )
    return _paged("interactions", api.interactions_listed, wanted)


@bp.get("/ties")
@documented(
    "List the ties whose both ends you may read (a person's, or type by type), by last change",
    query=("person", "type", "current", "updated_since", "limit", "cursor"),
    response="TieList",
)
def ties() -> ResponseReturnValue:
    """Ties between records in the reader's scope, with their properties."""
    rel_type = request.args.get("type", "").strip()
    if rel_type and rel_type not in RELATIONSHIP_RULES:
        raise FieldInvalid(
            "type", N_("One of: %(types)s."), types=tuple(sorted(RELATIONSHIP_RULES))
        )
    return _paged(
        "ties",
        api.ties_listed,
        person=request.args.get("person", "").strip() or None,
        types=[rel_type] if rel_type else RELATIONSHIP_RULES,
        current=_yes_no("current"),
    )


@bp.get("/interactions/<interaction_id>")
@documented("An interaction (the people met: those you may read)", response="Interaction")
def interaction(interaction_id: str) -> ResponseReturnValue:
    """One interaction."""
    found = access.load(api.interaction, access.scope(), interaction_id)
    return jsonify(api_spec.plain_json(found))


# --- writing ---------------------------------------------------------------------------


def _body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise FieldInvalid("body", N_("Send a JSON object (Content-Type: application/json)."))
    return {str(k): v for k, v in body.items()}  # pyright: ignore[reportUnknownVariableType, reportUnknownArgumentType]


def _text(value: object) -> str:
    """A JSON value as the import's cell text: lists joined with '; ', a birthday as
    DD.MM.YYYY, booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(_text(v) for v in cast("list[object]", value))
    if isinstance(value, dict):
        parts = cast("dict[str, Any]", value)
        day, month, year = parts.get("day"), parts.get("month"), parts.get("year")
        if isinstance(day, int) and isinstance(month, int):
            return f"{day:02d}.{month:02d}." + (str(year) if isinstance(year, int) else "")
        return str(parts)  # the birthday's parser says what is wrong with it
    return str(value)


def _cells(body: Mapping[str, Any]) -> dict[str, str]:
    return {name: _text(value) for name, value in body.items()}


def _field_errors(errors: Mapping[str, object]) -> ResponseReturnValue:
    """400: the first problem as the error, and every field's problem beside it."""
    field, first = next(iter(errors.items()))
    response, status = json_error(400, "Bad Request", said(first), field)
    body = response.get_json()
    body["error"]["fields"] = {name: said(why) for name, why in errors.items()}
    return jsonify(body), status


def _special(unjustified: Mapping[str, list[special.Finding]]) -> ResponseReturnValue:
    """400: special-category words need a reason (special_category_reason), as on the form."""
    warned = "; ".join(said(m) for m in special.warnings(unjustified))
    errors = dict.fromkeys(unjustified, warned)
    errors["special_category_reason"] = _("Say why this is recorded, or leave the words out.")
    return _field_errors(errors)


def _create(kind: str) -> ResponseReturnValue:
    me = access.viewer(access.WRITERS)
    body = _body()
    why = str(body.pop("special_category_reason", "") or "")
    table = _TABLES[kind]
    cells = _cells(body)
    record_id = cells.get("id", "").strip() or _new_id(table)
    cells["id"] = record_id
    if kind == "interaction":  # logged by the token's user, as on the form
        cells["user_id"] = me.id
    posted = access.load(api.new_row, access.scope(), table, cells, region=me.region)
    if posted.errors:
        return _field_errors(posted.errors)
    if posted.saved_already:
        return jsonify(_shown(kind, record_id)), 200
    screened: special.Review | None = None
    if kind == "person":
        text = {name: posted.row.get(name, "").strip() or None for name in special.PERSON_FIELDS}
        screened = special.review("people", text, text, {}, why=why, by=me.id, at=clock.now())
        if screened.needs_reason:
            return _special(screened.unjustified)
    saved = access.change(
        "log" if kind == "interaction" else "create",  # as the forms name them
        record_id,
        records_form.save_row,
        table,
        posted.row,
        user=me,
        must_be_new=True,
        special=screened,
    )
    if saved.errors:
        return _field_errors(saved.errors)
    return jsonify(_shown(kind, record_id)), 201


def _new_id(table: str) -> str:
    if table == "interactions":
        return f"i-{uuid.uuid4().hex[:10]}"
    return records_form.new_id(table)


def _shown(kind: str, record_id: str) -> dict[str, Any]:
    """The record as its writer may read it now (not audited as a view: she wrote it)."""
    found = access.load(_READ[kind], access.scope(), record_id)
    if isinstance(found, api.Shown):
        return api_spec.record_json(found)  # pyright: ignore[reportUnknownArgumentType]
    return api_spec.plain_json(found)


def _version(body: dict[str, Any]) -> int:
    """The version the record was read at, taken out of the body."""
    version = body.pop("version", None)
    if not isinstance(version, int) or isinstance(version, bool):
        raise FieldInvalid(
            "version", N_("Send the version you read the record at (a whole number).")
        )
    return version


def _update(kind: str, record_id: str) -> ResponseReturnValue:
    me = access.viewer(access.WRITERS)
    body = _body()
    why = str(body.pop("special_category_reason", "") or "")
    version = _version(body)
    posted = access.load(
        api.patched,
        access.scope(),
        _EDITABLE[kind],
        record_id,
        _cells(body),
        why=why,
        by=me.id,
    )
    if posted.edit.errors:
        return _field_errors(posted.edit.errors)
    screened = posted.screened or special.Review({}, {}, {})
    if screened.needs_reason:
        return _special(screened.unjustified)
    try:
        access.change(
            "edit",
            record_id,
            editing.save,
            _EDITABLE[kind],
            record_id,
            posted.edit.values,
            version=version,
            extra=screened.props,
        )
    except editing.EditConflict as conflict:
        response, status = json_error(409, "Conflict", said(conflict))
        body = response.get_json()
        body["current"] = _shown(kind, record_id)
        return jsonify(body), status
    return jsonify(_shown(kind, record_id))


@bp.post("/people")
@documented("Create a person (the import's columns)", body="people", response="Person", ok=201)
def create_person() -> ResponseReturnValue:
    """A new person, checked as the import checks a row of people.csv."""
    return _create("person")


@bp.patch("/people/<person_id>")
@documented("Change a person's fields, at the version read", body="people", response="Person")
def update_person(person_id: str) -> ResponseReturnValue:
    """Change some of a person's fields."""
    return _update("person", person_id)


@bp.post("/organizations")
@documented("Create an organization", body="organizations", response="Organization", ok=201)
def create_organization() -> ResponseReturnValue:
    """A new organization."""
    return _create("organization")


@bp.patch("/organizations/<org_id>")
@documented("Change an organization's fields", body="organizations", response="Organization")
def update_organization(org_id: str) -> ResponseReturnValue:
    """Change some of an organization's fields."""
    return _update("organization", org_id)


@bp.post("/tenders")
@documented("Create a tender", body="tenders", response="Tender", ok=201)
def create_tender() -> ResponseReturnValue:
    """A new tender."""
    return _create("tender")


@bp.patch("/tenders/<tender_id>")
@documented("Change a tender's fields", body="tenders", response="Tender")
def update_tender(tender_id: str) -> ResponseReturnValue:
    """Change some of a tender's dates, status or outcome."""
    return _update("tender", tender_id)


@bp.post("/interactions")
@documented(
    "Log an interaction (you are its KAM; the people met: ids you may read)",
    body="interactions",
    response="Interaction",
    ok=201,
)
def create_interaction() -> ResponseReturnValue:
    """A visit, call, meeting or email, checked as the import checks interactions.csv."""
    return _create("interaction")


@bp.patch("/interactions/<interaction_id>")
@documented(
    "Change an interaction's fields, at the version read (its KAM, a lead or an admin)",
    body="interactions",
    response="Interaction",
)
def update_interaction(interaction_id: str) -> ResponseReturnValue:
    """Change some of an interaction's fields (not its KAM or its people)."""
    me = access.viewer(access.WRITERS)
    body = _body()
    why = str(body.pop("special_category_reason", "") or "")
    version = _version(body)
    posted = access.load(
        api.interaction_patched, access.scope(), interaction_id, _cells(body), why=why, by=me.id
    )
    if posted.errors:
        return _field_errors(posted.errors)
    if posted.screened.needs_reason:
        return _special(posted.screened.unjustified)
    try:
        access.change(
            "edit",
            interaction_id,
            interactions_repo.update,
            interaction_id,
            posted.values,
            expected_version=version,
            user_id=me.id,
            anyone=me.role in access.LEADS,
            special=posted.screened,
        )
    except Conflict as conflict:
        response, status = json_error(409, "Conflict", said(conflict))
        answer = response.get_json()
        answer["current"] = _shown("interaction", interaction_id)
        return jsonify(answer), status
    return jsonify(_shown("interaction", interaction_id))


@bp.post("/ties")
@documented(
    "Add or change a tie, or end it (until: the day it ended; ties are never deleted)",
    body="relationships",
    response="TieSaved",
)
def tie() -> ResponseReturnValue:
    """A tie (WORKS_AT, KNOWS, ROLE_IN, COVERS, ...) between records you may read."""
    me = access.viewer(access.WRITERS)
    cells = _cells(_body())
    rule = RELATIONSHIP_RULES.get(cells.get("type", ""))
    if rule is None:
        raise FieldInvalid(
            "type", N_("One of: %(types)s."), types=tuple(sorted(RELATIONSHIP_RULES))
        )
    picks = {
        "from_id": references.KIND_OF_TABLE[rule.from_table],
        "to_id": references.KIND_OF_TABLE[rule.to_table],
    }
    posted = access.load(records_form.read_posted, access.scope(), RELATIONSHIPS.name, cells, picks)
    if posted.errors:
        return _field_errors(posted.errors)
    row = posted.row
    target = f"{rule.type} {row['from_id']} -> {row['to_id']}"
    saved = access.change(
        "tie", target, records_form.save_row, RELATIONSHIPS.name, row, user=me, must_be_new=False
    )
    if saved.errors:
        return _field_errors(saved.errors)
    return jsonify(
        type=rule.type,
        from_id=row["from_id"],
        to_id=row["to_id"],
        current=not row.get("until", "").strip(),
    )
