"""Account plans: the accounts list with the key-account rules, an account's plan page,
starting a plan (leads) and editing it (a lead sets owner and objectives)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from kamgraph.services import account_plans, editing
from kamgraph.views import access, forms
from kamgraph.web_i18n import gettext as _
from kamgraph.web_i18n import said

bp = Blueprint("account_plans", __name__, url_prefix="/accounts")


@bp.get("")
def index() -> ResponseReturnValue:
    """Every account of the reader's scope with its share of our sales and the rules."""
    page = access.load_for(access.LEADS, "accounts", account_plans.accounts_page, access.scope())
    return render_template("accounts.html", page=page)


@bp.get("/<org_id>")
def show(org_id: str) -> ResponseReturnValue:
    """The account plan: objectives, share of wallet, sales, open tenders' DMU, the rules."""
    page = access.load_for(
        access.EVERYONE, org_id, account_plans.account_page, access.scope(), org_id
    )
    return render_template("account_plan.html", page=page)


@bp.post("/<org_id>/plan")
def start(org_id: str) -> ResponseReturnValue:
    """Start the account's plan (leads), then open its form."""
    access.viewer(access.LEADS)
    access.require("organization", org_id)
    access.change_as(access.LEADS, "create", f"ap-{org_id}", account_plans.start_plan, org_id)
    return redirect(url_for("account_plans.edit", org_id=org_id))


@bp.route("/<org_id>/plan/edit", methods=["GET", "POST"])
def edit(org_id: str) -> ResponseReturnValue:
    """Edit the plan: a lead all of it, a KAM the share-of-wallet figures."""
    if request.method == "GET":
        form = access.load_for(
            access.WRITERS, org_id, account_plans.plan_form, access.scope(), org_id
        )
        return render_template(
            "account_plan_edit.html", text=form.text, errors={}, version=form.plan.version,
            **_context(form),
        )  # fmt: skip
    posted = access.load_for(
        access.WRITERS, None, account_plans.posted_plan, access.scope(), org_id, request.form
    )
    form, text, edit_ = posted.form, posted.text, posted.edit
    version = forms.posted_version()
    if edit_.errors:
        return render_template(
            "account_plan_edit.html", text=text, errors=edit_.errors, version=version,
            **_context(form),
        ), 400  # fmt: skip
    try:
        access.change(
            "edit",
            form.plan.id,
            editing.save,
            account_plans.ACCOUNT_PLAN,
            form.plan.id,
            edit_.values,
            version=version,
        )
    except editing.EditConflict as conflict:
        return render_template(
            "conflict.html",
            mine=editing.form_text(conflict.mine, form.names),
            theirs=editing.form_text(conflict.theirs, form.names),
            text=text,
            errors={},
            version=conflict.theirs.version,
            message=said(conflict),
            sensitive=frozenset[str](),
            **_context(form),
        ), 409
    flash(_("Saved."), "info")
    return redirect(url_for("account_plans.show", org_id=org_id))


def _context(form: account_plans.PlanForm) -> dict[str, object]:
    return {
        "org": form.org,
        "record": form.plan,
        "title": _("Account plan: %(name)s", name=form.org.name),
        "names": form.names,
        "help": form.help,
        "cancel_url": url_for("account_plans.show", org_id=form.org.id),
        "action_url": request.path,
    }
