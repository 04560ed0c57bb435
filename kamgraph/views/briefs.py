"""Meeting briefs: a printable page for one person, or for everyone at a meeting."""

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue

from kamgraph import clock
from kamgraph.errors import Invalid
from kamgraph.services import briefs as briefs_service
from kamgraph.views import access

bp = Blueprint("briefs", __name__)


@bp.get("/people/<person_id>/brief")
def person(person_id: str) -> ResponseReturnValue:
    """The one-page brief for meeting one person."""
    found = access.load_for(access.EVERYONE, person_id, briefs_service.briefs, [person_id],
                            clock.today())  # fmt: skip
    return _render(found)


@bp.get("/brief")
def meeting() -> ResponseReturnValue:
    """Briefs for a meeting with several people: /brief?people=ID;ID."""
    ids = [p.strip() for p in request.args.get("people", "").split(";") if p.strip()]
    if not ids:
        raise Invalid("say who you are meeting: /brief?people=p-ada-rowan;p-irena-sokol")
    found = access.load_for(access.EVERYONE, ";".join(ids), briefs_service.briefs, ids,
                            clock.today())  # fmt: skip
    return _render(found)


def _render(found: list[briefs_service.Brief]) -> ResponseReturnValue:
    me = access.viewer()
    visible = {b.dossier.person.id: access.may_see_sensitive(me, b.dossier.covered_by)
               for b in found}  # fmt: skip
    return render_template("brief.html", briefs=found, avoid=briefs_service.AVOID,
                           sensitive=visible, today=clock.today())  # fmt: skip
