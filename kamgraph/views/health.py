"""The health page: is Neo4j up, which version, how much is in it."""

from flask import Blueprint, jsonify, render_template
from flask.typing import ResponseReturnValue

from kamgraph import web_db
from kamgraph.errors import Unavailable
from kamgraph.repository import health as health_repo

bp = Blueprint("health", __name__)


@bp.get("/status")
def index() -> ResponseReturnValue:
    """Is Neo4j up, which version, how much is in it (for signed-in users)."""
    return render_template("health.html", server=health_repo.server_status(web_db.get_session()))


@bp.get("/health")
def health_json() -> ResponseReturnValue:
    """Machine-readable health for load balancers and the compose healthcheck."""
    try:
        status = health_repo.server_status(web_db.get_session())
    except Unavailable:
        return jsonify(status="down", neo4j="unreachable"), 503
    return jsonify(status="ok", neo4j=status.version, nodes=status.nodes)
