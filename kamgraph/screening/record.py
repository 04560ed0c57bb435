"""What a record says about its special-category data: which fields were flagged, for which
categories, and why they are recorded; and the rule that decides when a save must say why.

A record (a person, an interaction) whose free text tripped the screen and was saved with a
justification carries two properties:

- ``special_category``: JSON, ``{"fields": {"hobbies": ["health"]}, "justifications":
  [{"why": ..., "by": ..., "at": ..., "categories": [...]}]}``. It names categories, never
  the words, so an edit's audit entry can hold it before and after like any field.
- ``special_category_words``: the flagged words, as ``field:category:folded word``. They
  are what was justified: saving the same text again does not ask again, a new word does.
  Never in the audit (the words of a sensitive field are its contents).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kamgraph.folding import fold
from kamgraph.i18n import N_, Message
from kamgraph.screening import CATEGORIES, CATEGORY_WORDS, Finding, screen_fields

PROP = "special_category"
WORDS_PROP = "special_category_words"
# What a person's dossier and an interaction screen; a person's own fields are "personal"
# (the clinical words count there), an interaction's are about the physician's work.
PERSON_FIELDS = ("hobbies", "family", "values", "communication", "notes")
INTERACTION_FIELDS = ("notes", "commitments", "next_step")
SCREENED = {"people": PERSON_FIELDS, "interactions": INTERACTION_FIELDS}
PERSONAL = {"people": PERSON_FIELDS, "interactions": ()}
MAX_WHY = 1000  # characters, as the import allows in a short text


@dataclass(frozen=True)
class Justification:
    """Why special-category data was recorded, by whom and when (UTC, ISO 8601)."""

    why: str
    by: str
    at: str
    categories: tuple[str, ...] = ()

    @property
    def labels(self) -> str:
        """The categories in plain words: 'health, religion'."""
        return ", ".join(CATEGORY_WORDS.get(c, c) for c in self.categories)


@dataclass(frozen=True)
class SpecialCategory:
    """A record's special-category data: flagged fields and their categories, and why."""

    fields: dict[str, tuple[str, ...]] = field(default_factory=dict[str, tuple[str, ...]])
    justifications: tuple[Justification, ...] = ()

    @property
    def categories(self) -> tuple[str, ...]:
        """Every category flagged in the record, in CATEGORIES' order."""
        found = {c for cats in self.fields.values() for c in cats}
        return tuple(c for c in CATEGORIES if c in found)

    @property
    def labels(self) -> str:
        """The categories in plain words: 'health, sexual life'."""
        return ", ".join(CATEGORY_WORDS.get(c, c) for c in self.categories)

    def to_json(self) -> str:
        """The stored property."""
        return json.dumps(
            {
                "fields": {k: list(v) for k, v in sorted(self.fields.items())},
                "justifications": [
                    {"why": j.why, "by": j.by, "at": j.at, "categories": list(j.categories)}
                    for j in self.justifications
                ],
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, stored: str | None) -> SpecialCategory | None:
        """The stored property read back; None if there is none (or it is unreadable)."""
        if not stored:
            return None
        try:
            data: dict[str, Any] = json.loads(stored)
            return cls(
                {str(k): tuple(v) for k, v in data.get("fields", {}).items()},
                tuple(
                    Justification(
                        str(j["why"]), str(j["by"]), str(j["at"]), tuple(j.get("categories", ()))
                    )
                    for j in data.get("justifications", ())
                ),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


def _key(name: str, category: str, word: str) -> str:
    return f"{name}:{category}:{fold(' '.join(word.split()))}"


def words_of(found: Mapping[str, list[Finding]]) -> set[str]:
    """The flagged words of findings by field, as stored: 'field:category:folded word'."""
    return {
        _key(name, f.category, w)
        for name, findings in found.items()
        for f in findings
        for w in f.words
    }


def _restricted(found: Mapping[str, list[Finding]], keep: set[str]) -> dict[str, list[Finding]]:
    """The findings whose words are in `keep`."""
    out: dict[str, list[Finding]] = {}
    for name, findings in found.items():
        for f in findings:
            words = tuple(w for w in f.words if _key(name, f.category, w) in keep)
            if words:
                out.setdefault(name, []).append(Finding(f.category, words, f.languages))
    return out


@dataclass(frozen=True)
class Review:
    """The screen's verdict on a save: findings that still need a reason (then nothing is
    saved), or the properties to write with the save (empty: leave them alone)."""

    unjustified: dict[str, list[Finding]]
    props: dict[str, Any]
    # For the audit entry, as an edit records a field: {"special_category": [before, after]}
    # (categories and reasons, never the words).
    details: dict[str, Any]

    @property
    def needs_reason(self) -> bool:
        return bool(self.unjustified)


def review(
    table: str,
    changed: Mapping[str, Any],
    after: Mapping[str, Any],
    stored_props: Mapping[str, Any],
    *,
    why: str | None,
    by: str,
    at: datetime,
) -> Review:
    """Screen the changed free-text fields of a record of `table` (people, interactions).

    `after` holds the record's screened fields as they will be saved, `stored_props` its
    stored properties (an empty mapping for a new record). Words already justified on the
    record do not ask again; new ones need `why`. With it, or when flagged text changed, the
    returned props rewrite the record's special-category properties.
    """
    screened, personal = SCREENED[table], PERSONAL[table]
    touched = {k: v for k, v in changed.items() if k in screened}
    if not touched:
        return Review({}, {}, {})
    stored = SpecialCategory.from_json(stored_props.get(PROP))
    stored_words: set[str] = {str(w) for w in stored_props.get(WORDS_PROP) or ()}
    found = screen_fields(touched, personal)
    new_words = words_of(found) - stored_words
    why = (why or "").strip()[:MAX_WHY]
    if new_words and not why:
        return Review(_restricted(found, new_words), {}, {})
    justified = stored_words | new_words if why else stored_words
    now_flagged = _restricted(
        screen_fields({k: after.get(k) for k in screened}, personal), justified
    )
    words = words_of(now_flagged)
    if words == stored_words and not new_words:
        return Review({}, {}, {})
    justifications = stored.justifications if stored else ()
    if new_words:
        categories = tuple(c for c in CATEGORIES if any(w.split(":")[1] == c for w in new_words))
        added = Justification(why, by, at.isoformat(timespec="seconds"), categories)
        justifications = (*justifications, added)
    before = stored_props.get(PROP)
    if not words:
        return Review({}, {PROP: None, WORDS_PROP: None}, {PROP: [before, None]})
    fields = {name: tuple(f.category for f in findings) for name, findings in now_flagged.items()}
    record = SpecialCategory(fields, justifications).to_json()
    return Review({}, {PROP: record, WORDS_PROP: sorted(words)}, {PROP: [before, record]})


# What the form says per category; a sentence each, as the category's word takes a
# different form in each language.
WARNINGS: dict[str, str] = {
    "health": N_("This looks like health data: %(words)s."),
    "religion": N_("This looks like data about religion: %(words)s."),
    "politics": N_("This looks like data about political opinions: %(words)s."),
    "sex_life": N_("This looks like data about sexual life: %(words)s."),
    "ethnic_origin": N_("This looks like data about ethnic origin: %(words)s."),
    "trade_union": N_("This looks like data about trade-union membership: %(words)s."),
}


def warnings(unjustified: Mapping[str, list[Finding]]) -> list[Message]:
    """One sentence per category for the form: "This looks like health data: 'diabetes'."."""
    words: dict[str, dict[str, None]] = {}
    for findings in unjustified.values():
        for f in findings:
            words.setdefault(f.category, {}).update(dict.fromkeys(f.words))
    return [
        Message(WARNINGS[c], words=tuple(f"'{w}'" for w in words[c]))
        for c in CATEGORIES
        if c in words
    ]


def merged(
    stored: SpecialCategory | None,
    stored_words: set[str],
    fields: Mapping[str, tuple[str, ...]],
    words: set[str],
    justification: Justification,
) -> tuple[str, list[str]]:
    """A record's special-category property and words after an import justified `words` in
    `fields` (field -> categories): the stored ones kept, the new ones added."""
    kept = dict(stored.fields) if stored else {}
    for name, cats in fields.items():
        kept[name] = tuple(c for c in CATEGORIES if c in {*kept.get(name, ()), *cats})
    justifications = (*(stored.justifications if stored else ()), justification)
    return SpecialCategory(kept, justifications).to_json(), sorted(stored_words | words)
