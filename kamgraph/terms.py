"""The words the pages show for the graph's coded values: stances, ladder stages, DMU
types, tender steps and the rest of models.py's vocabularies, each translatable.

A code ("near_friendship") is stored and exported as it is; a page shows
`term("ladder stage", code)`, which the web app translates with the group as gettext's
context (`pgettext`), so "contact" the ladder stage and "contact" elsewhere may differ. The
translations use the field guides' own words (see the README's "Add a language").
"""

from __future__ import annotations

from typing import Final

from kamgraph import models
from kamgraph.i18n import NP_

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
}


def english(group: str, code: str | None) -> str:
    """The English word for `code` in `group` ("" for none; an unknown code as it is)."""
    if not code:
        return ""
    return TERMS.get(group, {}).get(code, code.replace("_", " "))
