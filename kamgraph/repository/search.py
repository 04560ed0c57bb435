"""Full-text search over people, organizations and tenders (case- and accent-insensitive)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import neo4j

from kamgraph.cypher import q
from kamgraph.repository._tx import read_rows

KINDS = ("person", "organization", "tender")
PER_KIND = 10
# Lucene's query syntax characters: a user's text is matched, never parsed as syntax.
_OPERATORS = frozenset({"AND", "OR", "NOT", "TO"})
_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/]|&&|\|\|)')


@dataclass(frozen=True)
class Hit:
    """One search result."""

    kind: str
    id: str
    name: str
    context: str | None


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def lucene_query(text: str) -> str:
    """Every word must match, whole or as a prefix: 'ada row' finds 'Ada Rowan'.

    Any text is a valid query: Lucene's syntax characters are escaped, words are
    lower-cased (the index lower-cases too), and Lucene's own operators AND, OR and NOT,
    like a word with no letter or digit (a stray quote, '//'), say nothing and are left out.
    Lucene analyses whole words (accents folded) but not prefix patterns, so a prefix is
    given with and without its accents: the index folds Latin accents (Müller -> muller)
    but keeps Greek ones (Νικόλαος -> νικόλαος).

    >>> lucene_query("Ada ROW")
    '(ada OR ada* OR ada*) AND (row OR row* OR row*)'
    >>> lucene_query("a AND ' OR 1=1 //")
    '(a OR a* OR a*) AND (1=1 OR 1=1* OR 1=1*)'
    """
    clauses: list[str] = []
    for word in text.split():
        if word in _OPERATORS or not any(c.isalnum() for c in word):
            continue
        lower = word.lower()
        escaped = [_LUCENE_SPECIAL.sub(r"\\\1", w) for w in (lower, _unaccented(lower))]
        clauses.append(f"({escaped[0]} OR {escaped[0]}* OR {escaped[1]}*)")
    return " AND ".join(clauses)


def search(session: neo4j.Session, text: str) -> dict[str, list[Hit]]:
    """Results grouped by kind (people, organizations, tenders), best first in each."""
    query = lucene_query(text[:200])
    grouped: dict[str, list[Hit]] = {kind: [] for kind in KINDS}
    if not query:
        return grouped
    for row in read_rows(session, q("search/all"), terms=query, limit=PER_KIND):
        grouped[row["kind"]].append(Hit(row["kind"], row["id"], row["name"], row["context"]))
    return grouped
