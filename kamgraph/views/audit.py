"""Who viewed or changed a record, and when: the audit trail per record, for admins and
compliance officers."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from kamgraph.models import COMPLIANCE_ROLES
from kamgraph.services import privacy
from kamgraph.views import access

bp = Blueprint("audit", __name__, url_prefix="/audit")


@bp.get("/people/<person_id>")
def person(person_id: str) -> ResponseReturnValue:
    """Every view and change of one dossier, newest first (the last 500). Reading it is
    recorded too."""
    trail = access.load_for(COMPLIANCE_ROLES, None, privacy.person_trail, person_id)
    access.record("audit read", person_id)
    return render_template(
        "audit_person.html",
        person_id=person_id,
        name=trail.name,
        entries=trail.entries,
        team=trail.team,
    )
