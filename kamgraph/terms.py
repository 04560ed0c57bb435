"""The words the pages show for the graph's coded values: stances, ladder stages, DMU
types, tender steps and the rest of models.py's vocabularies, each translatable.

A code ("near_friendship") is stored and exported as it is; a page shows
`term("ladder stage", code)`, which the web app translates with the group as gettext's
context (`pgettext`), so "contact" the ladder stage and "contact" elsewhere may differ. The
translations use the field guides' own words (see the README's "Add a language").
"""

from __future__ import annotations

from typing import Final

from kamgraph import models, schema
from kamgraph.i18n import NP_, Term

# Each group's codes and their English words, in the vocabulary's order.
TERMS: Final[dict[str, dict[str, str]]] = {
    "organization kind": {
        "ministry": NP_("organization kind", "ministry"),
        "health_committee": NP_("organization kind", "health committee"),
        "tender_commission": NP_("organization kind", "tender commission"),
        "insurance_fund": NP_("organization kind", "insurance fund"),
        "hospital": NP_("organization kind", "hospital"),
        "department": NP_("organization kind", "department"),
        "formulary_committee": NP_("organization kind", "formulary committee"),
        "purchasing_centre": NP_("organization kind", "purchasing centre"),
        "distributor": NP_("organization kind", "distributor"),
        "state_warehouse": NP_("organization kind", "state warehouse"),
        "pharmacy_chain": NP_("organization kind", "pharmacy chain"),
        "professional_society": NP_("organization kind", "professional society"),
        "competitor": NP_("organization kind", "competitor"),
        "our_company": NP_("organization kind", "our company"),
        "team": NP_("organization kind", "team"),
    },
    "tender status": {
        "planned": NP_("tender status", "planned"),
        "announced": NP_("tender status", "announced"),
        "clarification": NP_("tender status", "clarification"),
        "submitted": NP_("tender status", "submitted"),
        "evaluation": NP_("tender status", "evaluation"),
        "awarded": NP_("tender status", "awarded"),
        "cancelled": NP_("tender status", "cancelled"),
    },
    "tender procedure": {
        "open": NP_("tender procedure", "open"),
        "restricted": NP_("tender procedure", "restricted"),
        "negotiated": NP_("tender procedure", "negotiated"),
        "framework": NP_("tender procedure", "framework"),
        "direct_award": NP_("tender procedure", "direct award"),
    },
    "tender outcome": {
        "won": NP_("tender outcome", "won"),
        "lost": NP_("tender outcome", "lost"),
        "partial": NP_("tender outcome", "partial"),
        "cancelled": NP_("tender outcome", "cancelled"),
    },
    "DMU type": {
        "boss": NP_("DMU type", "boss"),
        "people": NP_("DMU type", "people (HR)"),
        "finance": NP_("DMU type", "finance"),
        "technical": NP_("DMU type", "technical"),
    },
    "event kind": {
        "congress": NP_("event kind", "congress"),
        "round_table": NP_("event kind", "round table"),
        "advisory_board": NP_("event kind", "advisory board"),
        "symposium": NP_("event kind", "symposium"),
        "webinar": NP_("event kind", "webinar"),
    },
    "interaction kind": {
        "visit": NP_("interaction kind", "visit"),
        "call": NP_("interaction kind", "call"),
        "informal": NP_("interaction kind", "informal"),
        "email": NP_("interaction kind", "email"),
        "meeting": NP_("interaction kind", "meeting"),
        "proposal": NP_("interaction kind", "proposal"),
    },
    "role": {
        "kam": NP_("role", "KAM"),
        "lead": NP_("role", "lead"),
        "admin": NP_("role", "admin"),
        "compliance": NP_("role", "compliance"),
    },
    "acquaintance": {
        "family": NP_("acquaintance", "family"),
        "friend": NP_("acquaintance", "friend"),
        "colleague": NP_("acquaintance", "colleague"),
        "former_colleague": NP_("acquaintance", "former colleague"),
        "mentor": NP_("acquaintance", "mentor"),
        "co_author": NP_("acquaintance", "co-author"),
        "rival": NP_("acquaintance", "rival"),
    },
    "tender role": {
        "decision_maker": NP_("tender role", "decision maker"),
        "budget_holder": NP_("tender role", "budget holder"),
        "evaluator": NP_("tender role", "evaluator"),
        "specifier": NP_("tender role", "specifier"),
        "gatekeeper": NP_("tender role", "gatekeeper"),
        "user": NP_("tender role", "user"),
        "approver": NP_("tender role", "approver"),
    },
    "stance": {
        "champion": NP_("stance", "champion"),
        "supporter": NP_("stance", "supporter"),
        "neutral": NP_("stance", "neutral"),
        "sceptic": NP_("stance", "sceptic"),
        "blocker": NP_("stance", "blocker"),
    },
    "ladder stage": {
        "contact": NP_("ladder stage", "contact"),
        "acquaintance": NP_("ladder stage", "acquaintance"),
        "loyalty": NP_("ladder stage", "loyalty"),
        "near_friendship": NP_("ladder stage", "near-friendship"),
    },
    "competitor tie": {
        "advisor": NP_("competitor tie", "advisor"),
        "speaker": NP_("competitor tie", "speaker"),
        "investigator": NP_("competitor tie", "investigator"),
        "consultant": NP_("competitor tie", "consultant"),
    },
    "transfer kind": {
        "meal": NP_("transfer kind", "meal"),
        "gift": NP_("transfer kind", "gift"),
        "honorarium": NP_("transfer kind", "honorarium"),
        "travel": NP_("transfer kind", "travel"),
        "registration_fee": NP_("transfer kind", "registration fee"),
        "sponsorship": NP_("transfer kind", "sponsorship"),
    },
    "transfer status": {
        "recorded": NP_("transfer status", "recorded"),
        "pending": NP_("transfer status", "pending"),
        "approved": NP_("transfer status", "approved"),
        "rejected": NP_("transfer status", "rejected"),
    },
    "field": {
        "id": NP_("field", "id"),
        "name": NP_("field", "name"),
        "kind": NP_("field", "kind"),
        "short_name": NP_("field", "short name"),
        "parent_id": NP_("field", "parent"),
        "region": NP_("field", "region"),
        "city": NP_("field", "city"),
        "annual_sales": NP_("field", "annual sales"),
        "is_key_account": NP_("field", "key account"),
        "country": NP_("field", "country"),
        "source": NP_("field", "source"),
        "version": NP_("field", "version"),
        "email": NP_("field", "email"),
        "role": NP_("field", "role"),
        "active": NP_("field", "active"),
        "given_name": NP_("field", "given name"),
        "family_name": NP_("field", "family name"),
        "patronymic": NP_("field", "patronymic"),
        "nickname": NP_("field", "nickname"),
        "titles": NP_("field", "titles"),
        "specialty": NP_("field", "specialty"),
        "languages": NP_("field", "languages"),
        "phone": NP_("field", "phone"),
        "preferred_channel": NP_("field", "preferred channel"),
        "birthday": NP_("field", "birthday"),
        "hobbies": NP_("field", "hobbies"),
        "family": NP_("field", "family"),
        "values": NP_("field", "values"),
        "dmu_type": NP_("field", "DMU type"),
        "communication": NP_("field", "communication"),
        "notes": NP_("field", "notes"),
        "lawful_basis": NP_("field", "lawful basis"),
        "collected_on": NP_("field", "collected on"),
        "informed_on": NP_("field", "informed on"),
        "retain_until": NP_("field", "retain until"),
        "segments": NP_("field", "segments"),
        "kol_tier": NP_("field", "KOL tier"),
        "kol_reach": NP_("field", "KOL reach"),
        "contact_every_days": NP_("field", "contact every (days)"),
        "inn": NP_("field", "INN"),
        "company_id": NP_("field", "company"),
        "starts_on": NP_("field", "starts on"),
        "ends_on": NP_("field", "ends on"),
        "title": NP_("field", "title"),
        "buyer_id": NP_("field", "buyer"),
        "status": NP_("field", "status"),
        "procedure": NP_("field", "procedure"),
        "reference": NP_("field", "reference"),
        "announced_on": NP_("field", "announced on"),
        "clarification_deadline": NP_("field", "clarification deadline"),
        "submission_deadline": NP_("field", "submission deadline"),
        "award_date": NP_("field", "award date"),
        "contract_start": NP_("field", "contract start"),
        "specification_notes": NP_("field", "specification notes"),
        "outcome": NP_("field", "outcome"),
        "tender_id": NP_("field", "tender"),
        "number": NP_("field", "number"),
        "volume": NP_("field", "volume"),
        "unit": NP_("field", "unit"),
        "value": NP_("field", "value"),
        "date": NP_("field", "date"),
        "user_id": NP_("field", "user"),
        "participant_ids": NP_("field", "participant ids"),
        "commitments": NP_("field", "commitments"),
        "next_step": NP_("field", "next step"),
        "due_date": NP_("field", "due date"),
        "done": NP_("field", "done"),
        "objective": NP_("field", "objective"),
        "agenda": NP_("field", "agenda"),
        # account-plans slice: sales.csv and account_plans.csv
        "account_id": NP_("field", "account"),
        "year": NP_("field", "year"),
        "product_id": NP_("field", "product"),
        "amount": NP_("field", "amount"),
        "currency": NP_("field", "currency"),
        "owner_id": NP_("field", "owner"),
        "objectives": NP_("field", "objectives"),
        "category": NP_("field", "category"),
        "wallet_year": NP_("field", "purchases year"),
        "wallet": NP_("field", "purchases in the category"),
        # end of account-plans slice
        # proposals (slice `proposals`)
        "author_ids": NP_("field", "authors"),
        "valid_until": NP_("field", "valid until"),
        "benefits": NP_("field", "benefits"),
        "reason": NP_("field", "reason"),
        "sent_on": NP_("field", "sent on"),
        "decision_date": NP_("field", "decision date"),
        "proposal_id": NP_("field", "proposal"),
        "person_id": NP_("field", "person"),
        "argument": NP_("field", "argument"),
        "due": NP_("field", "due"),
        "done_on": NP_("field", "done on"),
        "type": NP_("field", "type"),
        "from_id": NP_("field", "from"),
        "to_id": NP_("field", "to"),
        "department": NP_("field", "department"),
        "is_current": NP_("field", "current"),
        "strength": NP_("field", "strength"),
        "weight": NP_("field", "weight"),
        "topic": NP_("field", "topic"),
        "evidence": NP_("field", "evidence"),
        "stance": NP_("field", "stance"),
        "stance_evidence": NP_("field", "stance evidence"),
        "stage": NP_("field", "stage"),
        "lot": NP_("field", "lot"),
        "recorded_at": NP_("field", "recorded at"),
        "recorded_by": NP_("field", "recorded by"),
        "since": NP_("field", "since"),
        "until": NP_("field", "until"),
    },
    "audit action": {
        "view": NP_("audit action", "viewed"),
        "search": NP_("audit action", "searched"),
        "pick": NP_("audit action", "looked up in a picker"),
        "create": NP_("audit action", "created"),
        "edit": NP_("audit action", "edited"),
        "tie": NP_("audit action", "linked"),
        "confirm cover": NP_("audit action", "confirmed a cover"),
        "log": NP_("audit action", "logged an interaction"),
        "done": NP_("audit action", "marked a follow-up done"),
        "undone": NP_("audit action", "reopened a follow-up"),
        "plan meeting": NP_("audit action", "planned a meeting"),
        "plan step": NP_("audit action", "planned a tender step"),
        "preferences": NP_("audit action", "changed settings"),
        "informed": NP_("audit action", "marked as informed"),
        "transfer": NP_("audit action", "recorded a transfer of value"),
        "transfer approve": NP_("audit action", "approved a transfer"),
        "transfer reject": NP_("audit action", "rejected a transfer"),
        "transfers export": NP_("audit action", "exported transfers"),
        "audit read": NP_("audit action", "read the audit trail"),
        "audit prune": NP_("audit action", "pruned the audit trail"),
        "calendar-token": NP_("audit action", "made a calendar link"),
        "calendar-revoke": NP_("audit action", "revoked a calendar link"),
        "calendar feed": NP_("audit action", "read the calendar feed"),
        "sign-in": NP_("audit action", "signed in"),
        "sign-in failed": NP_("audit action", "failed to sign in"),
        "erase": NP_("audit action", "erased"),
        "import": NP_("audit action", "imported"),
        "export": NP_("audit action", "exported"),
        "privacy report": NP_("audit action", "ran the privacy report"),
        "subject export": NP_("audit action", "exported a subject's data"),
        "user add": NP_("audit action", "added a user"),
        "user enable": NP_("audit action", "enabled a user"),
        "user disable": NP_("audit action", "disabled a user"),
        "user passwd": NP_("audit action", "set a password"),
    },
    "coverage flag": {
        "uncovered": NP_("coverage flag", "uncovered"),
        "stale": NP_("coverage flag", "stale"),
        "single-threaded": NP_("coverage flag", "single-threaded"),
    },
    "forecast": {
        "likely to support": NP_("forecast", "likely to support"),
        "contested": NP_("forecast", "contested"),
        "likely to oppose": NP_("forecast", "likely to oppose"),
    },
    "lawful basis": {
        "legitimate_interest": NP_("lawful basis", "legitimate interest"),
        "consent": NP_("lawful basis", "consent"),
        "contract": NP_("lawful basis", "contract"),
        "legal_obligation": NP_("lawful basis", "legal obligation"),
        "vital_interests": NP_("lawful basis", "vital interests"),
        "public_task": NP_("lawful basis", "public task"),
    },
    # Stakeholder segments (slice "segments").
    "segment": {
        "vip": NP_("segment", "VIP"),
        "kol": NP_("segment", "KOL"),
        "official": NP_("segment", "official"),
        "dmu_member": NP_("segment", "DMU member"),
        "prescriber": NP_("segment", "prescriber"),
        "pharmacist": NP_("segment", "pharmacist"),
    },
    "KOL tier": {
        "national": NP_("KOL tier", "national"),
        "regional": NP_("KOL tier", "regional"),
        "local": NP_("KOL tier", "local"),
    },
}

# Which vocabulary of models.py each group words (a unit test holds them equal).
VOCABULARIES: Final = {
    "organization kind": models.ORGANIZATION_KINDS,
    "tender status": models.TENDER_STATUSES,
    "tender procedure": models.TENDER_PROCEDURES,
    "tender outcome": models.TENDER_OUTCOMES,
    "DMU type": models.DMU_TYPES,
    "event kind": models.EVENT_KINDS,
    "interaction kind": models.INTERACTION_KINDS,
    "role": models.USER_ROLES,
    "acquaintance": models.KNOWS_KINDS,
    "tender role": models.TENDER_ROLES,
    "stance": models.STANCES,
    "ladder stage": models.COVERAGE_STAGES,
    "competitor tie": models.COMPETITOR_TIES,
    "transfer kind": models.TRANSFER_KINDS,
    "transfer status": models.TRANSFER_STATUSES,
    "field": tuple(dict.fromkeys(c.name for t in schema.ALL_TABLES for c in t.columns)),
    "lawful basis": models.LAWFUL_BASES,
    "audit action": models.AUDIT_ACTIONS,
    "coverage flag": models.COVERAGE_FLAGS,
    "forecast": models.FORECASTS,
    "segment": models.SEGMENTS,
    "KOL tier": models.KOL_TIERS,
}

# --- proposals (issue 16, slice `proposals`) ---
TERMS["proposal status"] = {
    "draft": NP_("proposal status", "draft"),
    "sent": NP_("proposal status", "sent"),
    "negotiating": NP_("proposal status", "negotiating"),
    "won": NP_("proposal status", "won"),
    "lost": NP_("proposal status", "lost"),
}
TERMS["proposal step"] = {
    "call": NP_("proposal step", "call about the proposal"),
    "next_steps": NP_("proposal step", "agree the next steps"),
    "decision": NP_("proposal step", "decision date"),
}
VOCABULARIES["proposal status"] = models.PROPOSAL_STATUSES
VOCABULARIES["proposal step"] = models.PROPOSAL_STEP_KINDS


def word(group: str, code: str) -> Term:
    """`code` of `group` as a value in a message (`kamgraph.i18n.Message`): its English word
    in the English line, the reader's word on a page."""
    return Term(group, code, english(group, code))


def english(group: str, code: str | None) -> str:
    """The English word for `code` in `group` ("" for none; an unknown code as it is)."""
    if not code:
        return ""
    return TERMS.get(group, {}).get(code, code.replace("_", " "))


# person-plans slice: a relationship plan's status, and its import columns' names.
TERMS["relationship plan status"] = {
    "active": NP_("relationship plan status", "active"),
    "achieved": NP_("relationship plan status", "achieved"),
    "dropped": NP_("relationship plan status", "dropped"),
}
VOCABULARIES["relationship plan status"] = models.PERSON_PLAN_STATUSES
_PLAN_FIELDS: Final = {
    "person_id": NP_("field", "person"),
    "owner_id": NP_("field", "owner"),
    "goal": NP_("field", "goal"),
    "target_stage": NP_("field", "target stage"),
    "target_date": NP_("field", "target date"),
    "budget": NP_("field", "budget"),
    "currency": NP_("field", "currency"),
    "plan_id": NP_("field", "relationship plan"),
    "what": NP_("field", "step"),
    "interaction_ids": NP_("field", "interactions"),
}
# In the vocabulary's order (the plans' tables come before relationships.csv).
TERMS["field"] = {code: {**TERMS["field"], **_PLAN_FIELDS}[code] for code in VOCABULARIES["field"]}
