"""The special-category screen: does free text look like health, religion, politics or sexual
life (GDPR Art. 9)?

A KAM types hobbies, values, family and notes about a physician; some of it is data the
GDPR protects most ("diabetic", "goes to mass", "party member"). The screen finds such words
so that a form can warn and ask why they are needed. It knows words, not meaning: it warns,
and a person decides.

The words are data, one list per language beside this module (``en.txt``, ``sq.txt``,
``fi.txt``, ``it.txt``, ``ru.txt``, ``th.txt``; their syntax is at the top of each). Every
text is screened against every list, because a Finnish KAM may write in English. Latin and
Cyrillic words are compared folded (case and marks off, as :mod:`kamgraph.folding` does for
search); Thai, written without spaces, is matched inside the text with its ends on the word
boundaries of PyThaiNLP's segmentation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kamgraph.folding import fold, thai_words

LANGUAGES = ("en", "sq", "fi", "it", "ru", "th")
# GDPR Art. 9's special categories that the lists cover, in the order findings are named.
CATEGORIES = ("health", "religion", "politics", "sex_life", "ethnic_origin", "trade_union")
CATEGORY_WORDS = {
    "health": "health",
    "religion": "religion",
    "politics": "politics",
    "sex_life": "sexual life",
    "ethnic_origin": "ethnic origin",
    "trade_union": "trade-union",
}
# A heading "[health/personal]" holds words that are also the physician's everyday clinical
# talk ("diabetes", "chemotherapy"): they are screened in a person's own fields only, not in
# interaction notes, which are mostly about the physician's work.
PERSONAL = "personal"
NOT = "not"  # "[not]": phrases whose words are never flagged ("birthday party")
MIN_STEM = 3  # a stem shorter than this would match half the dictionary

_LISTS = Path(__file__).resolve().parent
_WORD = re.compile(r"[\w\u0E00-\u0E7F]+")
_THAI = re.compile(r"[\u0E00-\u0E7F]+")
_HEADING = re.compile(r"\[\s*([a-z_]+)\s*(?:/\s*([a-z]+)\s*)?\]")


@dataclass(frozen=True)
class Finding:
    """One category the text looks like: the words that made it so (as written, in text
    order, each once whatever its case or accents), and the languages whose lists have them."""

    category: str
    words: tuple[str, ...]
    languages: tuple[str, ...]

    @property
    def label(self) -> str:
        """The category in plain words: 'health', 'sexual life'."""
        return CATEGORY_WORDS.get(self.category, self.category)


@dataclass(frozen=True)
class _Term:
    """One entry of a list: words in a row (each a whole word or a stem), or a Thai string."""

    category: str  # or NOT
    language: str
    words: tuple[tuple[str, bool], ...] = ()  # (folded word, is a stem)
    thai: str = ""
    thai_open_start: bool = False  # "*มะเร็ง": may start inside a Thai word
    thai_open_end: bool = False  # "พรรค*": may end inside a Thai word
    personal_only: bool = False


@dataclass
class _Lists:
    """Every language's terms, indexed by their first word for a linear scan."""

    exact: dict[str, list[_Term]] = field(default_factory=dict[str, list[_Term]])
    stems: dict[str, list[_Term]] = field(default_factory=dict[str, list[_Term]])
    thai: list[_Term] = field(default_factory=list[_Term])
    longest_stem: int = 0


class ListError(ValueError):
    """A word list has a line the screen cannot read."""


def parse_list(text: str, language: str) -> list[_Term]:
    """The terms of one word list (the format is described at the top of each file)."""
    terms: list[_Term] = []
    category: str | None = None
    personal_only = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        heading = _HEADING.fullmatch(line)
        if heading:
            category, qualifier = heading.group(1), heading.group(2)
            if category not in (*CATEGORIES, NOT) or qualifier not in (None, PERSONAL):
                raise ListError(f"{language}.txt line {number}: unknown heading {line!r}")
            personal_only = qualifier == PERSONAL
            continue
        if category is None:
            raise ListError(f"{language}.txt line {number}: a term before any [category]")
        terms.append(_term(line, category, language, personal_only, number))
    return terms


def _term(line: str, category: str, language: str, personal_only: bool, number: int) -> _Term:
    line = unicodedata.normalize("NFC", line)
    if _THAI.search(line):
        core = line.strip("*")
        if not _THAI.fullmatch(core):
            raise ListError(f"{language}.txt line {number}: a Thai term is Thai letters only")
        return _Term(
            category,
            language,
            thai=core,
            thai_open_start=line.startswith("*"),
            thai_open_end=line.endswith("*"),
            personal_only=personal_only,
        )
    words: list[tuple[str, bool]] = []
    for piece in line.split():
        stem = piece.endswith("*")
        parts = [fold(w) for w in _WORD.findall(piece.rstrip("*"))]
        if not parts:
            raise ListError(f"{language}.txt line {number}: {piece!r} has no letters")
        if stem and len(parts[-1]) < MIN_STEM:
            raise ListError(f"{language}.txt line {number}: the stem {piece!r} is too short")
        words.extend((p, stem and i == len(parts) - 1) for i, p in enumerate(parts))
    return _Term(category, language, words=tuple(words), personal_only=personal_only)


@cache
def _lists() -> _Lists:
    """All the lists, read and indexed once per process."""
    lists = _Lists()
    for language in LANGUAGES:
        text = (_LISTS / f"{language}.txt").read_text(encoding="utf-8")
        for term in parse_list(text, language):
            if term.thai:
                lists.thai.append(term)
                continue
            first, stem = term.words[0]
            (lists.stems if stem else lists.exact).setdefault(first, []).append(term)
            if stem:
                lists.longest_stem = max(lists.longest_stem, len(first))
    return lists


@dataclass(frozen=True)
class _Hit:
    term: _Term
    start: int  # characters in the text
    end: int
    word: str  # as written in the text


def screen(text: str | Iterable[str] | None, *, personal: bool = True) -> list[Finding]:
    """The special categories `text` looks like, one finding each, in CATEGORIES' order.

    `personal`: the text is about the person (hobbies, values, family, notes), so the
    words that are also clinical talk count; False for interaction notes.

    >>> [(f.category, f.words) for f in screen("Type 2 diabetic; sings in the church choir")]
    [('health', ('diabetic',)), ('religion', ('church choir',))]
    >>> screen("Organised his daughter's birthday party"), screen(None)
    ([], [])
    """
    if text is None:
        return []
    joined = text if isinstance(text, str) else "\n".join(text)
    joined = unicodedata.normalize("NFC", joined)
    hits = [*_word_hits(joined), *_thai_hits(joined)]
    # A NOT term's span blocks the hits inside it. Hits and spans go by start, so one sweep
    # keeps the furthest end of the spans begun so far: the screen stays linear in the text.
    blocked = sorted((h.start, h.end) for h in hits if h.term.category == NOT)
    next_span, reach = 0, -1
    # category -> (folded word -> the word as first written, the languages)
    by_category: dict[str, tuple[dict[str, str], dict[str, None]]] = {}
    for hit in sorted(hits, key=lambda h: h.start):
        while next_span < len(blocked) and blocked[next_span][0] <= hit.start:
            reach = max(reach, blocked[next_span][1])
            next_span += 1
        term = hit.term
        if term.category == NOT or (term.personal_only and not personal) or hit.end <= reach:
            continue
        words, languages = by_category.setdefault(term.category, ({}, {}))
        words.setdefault(fold(" ".join(hit.word.split())), hit.word)
        languages[term.language] = None
    return [
        Finding(
            category,
            tuple(by_category[category][0].values()),
            tuple(sorted(by_category[category][1], key=LANGUAGES.index)),
        )
        for category in CATEGORIES
        if category in by_category
    ]


def _word_hits(text: str) -> Iterator[_Hit]:
    """Latin and Cyrillic terms: each word looked up whole, and by each of its prefixes
    that is a stem's, so the scan is linear in the text."""
    lists = _lists()
    words = [
        (fold(m.group()), m.start(), m.end())
        for m in _WORD.finditer(text)
        if not _THAI.search(m.group())
    ]
    for i, (word, _, _) in enumerate(words):
        candidates = list(lists.exact.get(word, ()))
        for length in range(MIN_STEM, min(len(word), lists.longest_stem) + 1):
            candidates.extend(lists.stems.get(word[:length], ()))
        for term in candidates:
            n = len(term.words)
            if i + n > len(words):
                continue
            if all(_matches(words[i + k][0], *term.words[k]) for k in range(n)):
                start, end = words[i][1], words[i + n - 1][2]
                yield _Hit(term, start, end, text[start:end])


def _matches(word: str, wanted: str, stem: bool) -> bool:
    return word.startswith(wanted) if stem else word == wanted


def _thai_hits(text: str) -> Iterator[_Hit]:
    """Thai terms: found inside each run of Thai letters, their ends on word boundaries
    (unless the term says '*'), so พรรค (party) is not found in พรรคพวก (cronies)."""
    terms = _lists().thai
    for run in _THAI.finditer(text):
        letters = run.group()
        found = [(t, i) for t in terms for i in _occurrences(letters, t.thai)]
        if not found:
            continue  # no dictionary load for Thai text without any term
        boundaries = _boundaries(letters)
        for term, i in found:
            end = i + len(term.thai)
            if (term.thai_open_start or i in boundaries) and (
                term.thai_open_end or end in boundaries
            ):
                yield _Hit(term, run.start() + i, run.start() + end, term.thai)


def _occurrences(text: str, part: str) -> Iterator[int]:
    i = text.find(part)
    while i >= 0:
        yield i
        i = text.find(part, i + 1)


def _boundaries(letters: str) -> set[int]:
    offsets, at = {0}, 0
    for word in thai_words(letters):
        at = letters.find(word, at) + len(word)
        offsets.add(at)
    return offsets


def screen_fields(fields: Mapping[str, Any], personal: Iterable[str]) -> dict[str, list[Finding]]:
    """Findings per field, for the fields that have any; `personal` names the fields that
    are about the person (the rest are screened without the clinical words)."""
    about_person = set(personal)
    found: dict[str, list[Finding]] = {}
    for name, value in fields.items():
        findings = screen(value, personal=name in about_person)
        if findings:
            found[name] = findings
    return found
