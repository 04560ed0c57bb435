"""Who viewed or changed a record, and when: the audit trail per record, for admins and
compliance officers."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from kamgraph.models import COMPLIANCE_ROLES
from kamgraph.repository import audit as audit_repo
from kamgraph.repository import graph as graph_repo
from kamgraph.repository import pick as pick_repo
from kamgraph.views import access

bp = Blueprint("audit", __name__, url_prefix="/audit")


@bp.get("/people/<person_id>")
def person(person_id: str) -> ResponseReturnValue:
    """Every view and change of one dossier, newest first (the last 500). Reading it is
    recorded too."""
    name = access.load_for(COMPLIANCE_ROLES, None, pick_repo.name_of, "Person", person_id)
    entries = access.load(audit_repo.recent, target_id=person_id, limit=500)
    team = {str(u["id"]): str(u["name"]) for u in access.load(graph_repo.team)}
    access.record("audit read", person_id)
    return render_template(
        "audit_person.html", person_id=person_id, name=name, entries=entries, team=team
    )
