"""Suggestions for the name pickers of the forms (web/static/app.js fills a datalist)."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, request
from flask.typing import ResponseReturnValue

from kamgraph.services import references
from kamgraph.views import access

bp = Blueprint("pick", __name__)


@bp.get("/pick/<kind>")
def suggestions(kind: str) -> ResponseReturnValue:
    """Up to eight records of `kind` for ?q=, as labels; audited like a search."""
    if kind not in references.KIND_OF_TABLE.values():
        abort(404)
    text = request.args.get("q", "").strip()
    if len(text) < 2:  # one letter would list half the region
        return jsonify([])
    found = access.load(references.choices, access.scope(), kind, text)
    access.record("pick", f"{kind}: {text[:200]}")
    return jsonify([{"label": c.label} for c in found])
