"""Full-text search over people, organizations, tenders and events (case- and
accent-insensitive, in any script)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import LiteralString

import neo4j

from kamgraph import folding
from kamgraph.cypher import q, q_with
from kamgraph.repository._props import NAMED_BY
from kamgraph.repository._rows import Row
from kamgraph.repository._tx import read_rows, write

# The kinds a typed name may resolve to (services/references.py), each with a scope rule.
KINDS = ("person", "organization", "tender")
# The kinds the search box finds: events too (every reader reads an event's page).
HIT_KINDS = (*KINDS, "event")
PER_KIND = 10
# Lucene's query syntax characters: a user's text is matched, never parsed as syntax.
_OPERATORS = frozenset({"AND", "OR", "NOT", "TO"})
_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/]|&&|\|\|)')
_THAI = re.compile(r"[\u0E00-\u0E7F]")
# Lucene's English stop words: never indexed, so a query must not require them.
STOP_WORDS = frozenset(
    (
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "if",
        "in",
        "into",
        "is",
        "it",
        "no",
        "not",
        "of",
        "on",
        "or",
        "such",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "will",
        "with",
    )
)
FUZZY_FROM = 5  # letters: shorter words are matched as typed (a typo there is another name)
# With a segment filter, the indexes are asked for this many times PER_KIND people, so that
# PER_KIND of the segment are usually among them.
SEGMENT_FETCH = 10


@dataclass(frozen=True)
class Hit:
    """One search result, and why it matched when its name does not show it.

    ``why`` is None when the typed words begin words of the name; otherwise one of
    ``spelling`` (another spelling of the name: ``detail`` holds it, e.g. "semenov"),
    ``job`` (a job title or department, shown in ``context``), ``product`` (a tender
    for that product: ``detail`` is its brand), ``specialty`` or ``similar`` (a typo).
    """

    kind: str
    id: str
    name: str
    context: str | None
    why: str | None = None
    detail: str | None = None
    segments: tuple[str, ...] = ()  # a person's stakeholder segments


@dataclass(frozen=True)
class Match(Row):
    """A record the search query found, and what it matched on: `via` a job ('job') or a
    product ('product:<brand>'), else its `key` (the search key) or `specialty`."""

    kind: str
    id: str
    name: str
    score: float
    context: str | None
    key: str | None
    specialty: str | None
    via: str | None
    segments: list[str] | None


def lucene_query(text: str) -> str:
    """Every word must match: whole, as a prefix, in another spelling, or with a typo.

    Any text is a valid query: Lucene's syntax characters are escaped, words are folded
    as the search keys are (kamgraph.folding: no case, no marks, ё as е), and Lucene's own
    operators AND, OR and NOT, like a word with no letter or digit (a stray quote, '//'),
    say nothing and are left out. A word is also tried in its Latin spelling (a Cyrillic
    query for a name stored in Latin), and words of five letters or more with one typo
    (eight or more: two).

    >>> lucene_query("Ada ROW")
    '(ada OR ada*) AND (row OR row*)'
    >>> lucene_query("Семёнов")
    '(семенов OR семенов* OR semenov* OR семенов~1)'
    >>> lucene_query("ada AND ' OR 1=1 //")
    '(ada OR ada*) AND (1=1 OR 1=1*)'
    """
    clauses: list[str] = []
    for word in words_of(text):
        folded = folding.fold(word)
        forms = [(folded, ""), (folded, "*")]
        spelled = folding.latin(word)
        if spelled and not folded.isascii():  # another script: try its Latin spelling too
            forms.append((spelled, "*"))
        letters = sum(c.isalpha() for c in folded)
        if letters >= FUZZY_FROM and not _THAI.search(folded):
            forms.append((folded, f"~{2 if letters >= 8 else 1}"))
        escaped = [_escaped(term) + op for term, op in forms]
        clauses.append(f"({' OR '.join(dict.fromkeys(escaped))})")
    return " AND ".join(clauses)


def _escaped(term: str) -> str:
    return _LUCENE_SPECIAL.sub(r"\\\1", term)


def words_of(text: str) -> list[str]:
    """The words of a query that say something: not Lucene's operators or stop words, and
    with a letter or digit (a query of stop words alone keeps them).

    >>> words_of("head of  cardiology AND //")
    ['head', 'cardiology']
    """
    words = [w for w in text.split() if w not in _OPERATORS and any(c.isalnum() for c in w)]
    meaningful = [w for w in words if w.lower() not in STOP_WORDS]
    return meaningful or words


def search(
    session: neo4j.Session, text: str, *, segment: str | None = None
) -> dict[str, list[Hit]]:
    """Results grouped by kind (people, organizations, tenders, events), best first in each;
    with a stakeholder `segment`, only people of that segment."""
    query = lucene_query(text[:200])
    grouped: dict[str, list[Hit]] = {kind: [] for kind in HIT_KINDS}
    if not query:
        return grouped
    words = [folding.fold(w) for w in words_of(text[:200])]
    any_terms = " OR ".join(f"{_escaped(w)}*" for w in words)
    seen: set[tuple[str, str]] = set()
    rows = read_rows(
        session,
        q("search/all"),
        terms=query,
        any_terms=any_terms,
        words=words,
        phrase=folding.fold(" ".join(text[:200].split())),
        limit=PER_KIND * (SEGMENT_FETCH if segment else 1),
        segment=segment,
    )
    for row in Match.from_maps(rows):
        if (row.kind, row.id) in seen or len(grouped[row.kind]) >= PER_KIND:
            continue
        seen.add((row.kind, row.id))
        why, detail = _why(words, row)
        segments = tuple(row.segments or ())
        grouped[row.kind].append(
            Hit(row.kind, row.id, row.name, row.context, why, detail, segments)
        )
    return grouped


def _why(words: list[str], row: Match) -> tuple[str | None, str | None]:
    via = row.via
    if via == "job":
        return "job", None
    if via is not None and via.startswith("product:"):
        return "product", via.removeprefix("product:")
    if _all_begin(words, _folded_words(row.name)):
        return None, None
    key_words = (row.key or "").split()
    if _all_begin(words, key_words):
        spelled = [k for k in key_words if any(k.startswith(w) for w in words)]
        return "spelling", " ".join(spelled)
    if row.specialty and _all_begin(words, _folded_words(row.specialty)):
        return "specialty", row.specialty
    return "similar", None


def _folded_words(text: str | None) -> list[str]:
    return [folding.fold(w) for w in (text or "").replace("-", " ").split()]


def _all_begin(words: list[str], candidates: list[str]) -> bool:
    return all(any(c.startswith(w) for c in candidates) for w in words)


def backfill_keys(session: neo4j.Session, *, batch: int = 5_000) -> int:
    """Give every record without a current search key its key; returns how many changed.

    Records written before search keys existed (or under an older rule) are found by
    `search_key_v`; keys are derived data, so the graph revision and versions stay.
    """
    changed = 0
    for label, field in NAMED_BY.items():
        missing = q_with("search/keys_missing", LABEL=label)
        store = q_with("search/set_keys", LABEL=label)
        while True:
            rows = read_rows(
                session, missing, version=folding.KEY_VERSION, field=field, limit=batch
            )
            if not rows:
                break
            keyed = [
                {"id": r["id"], "key": folding.search_key(r["name"], r["nickname"])} for r in rows
            ]

            def work(
                tx: neo4j.ManagedTransaction,
                store: LiteralString = store,
                keyed: list[dict[str, str]] = keyed,
            ) -> None:
                tx.run(store, rows=keyed, version=folding.KEY_VERSION).consume()

            write(session, work, changes_graph=False)
            changed += len(keyed)
    return changed
