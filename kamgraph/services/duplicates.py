"""Likely duplicate people: pairs scored from the name in Latin letters, the birthday, the
current employer, email and phone (`kamgraph people duplicates`, /people/duplicates, the
dossier's "Possible duplicate"); pairs a reader dismissed as two people are not listed."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations
from typing import Any

import neo4j

from kamgraph import clock
from kamgraph.errors import Invalid
from kamgraph.i18n import N_, Message
from kamgraph.repository import duplicates as repo
from kamgraph.repository._tx import note_change
from kamgraph.repository.duplicates import Candidate, Dismissed
from kamgraph.services import scope as scopes

DEFAULT_MIN_SCORE = 0.6
# The dossier shows "Possible duplicate" from this score: a pair a lead should look at.
DOSSIER_MIN_SCORE = 0.75
# Inside a block larger than this (a common family name), pairs are compared only within
# the same first letter of the given name, so a block never costs its size squared.
LARGE_BLOCK = 50

# What each finding adds to a pair's score (clamped to 0..1).
SAME_FAMILY = 0.4  # the family name, in Latin letters (Семёнов = Semenov)
SIMILAR_FAMILY = 0.25  # one letter or so apart (Semenov / Semyonov)
SAME_GIVEN = 0.2
GIVEN_INITIAL = 0.1  # "P." and "Petr"
SIMILAR_GIVEN = 0.1  # Mariia (Мария) and Maria
OTHER_GIVEN = -0.2  # Siri and Wanda Jablonski at one hospital: a family, not one person
SAME_BIRTH_DATE = 0.3
SAME_BIRTHDAY = 0.15  # day and month, the year known on one side only
OTHER_BIRTHDAY = -0.5  # two different known birthdays: two people
SAME_EMPLOYER = 0.2
SAME_EMAIL = 0.4
SAME_PHONE = 0.3


@dataclass(frozen=True)
class Pair:
    """Two people who may be one: a match score (0..1, the sum of what each finding adds;
    not a probability), and why (Messages)."""

    a: str
    a_name: str
    b: str
    b_name: str
    score: float
    reasons: tuple[Message, ...]

    def as_json(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "reasons": [str(r) for r in self.reasons]}


def _digits(phone: str | None) -> str:
    return re.sub(r"\D", "", phone or "")[-9:]  # the subscriber number, prefix or not


def score(a: Candidate, b: Candidate) -> tuple[float, tuple[Message, ...]]:
    """How likely `a` and `b` are one person, and the reasons, strongest first.

    >>> def c(given, family, year=None, md=(None, None), employers=()):
    ...     return Candidate("x", None, given, family, year, *md, None, None, list(employers))
    >>> score(c("petr", "semenov"), c("petr", "semenov"))[0]
    0.6
    >>> score(c("maria", "rossi", 1970, (3, 4)), c("maria", "rossi", 1971, (5, 6)))[0]
    0.1
    >>> score(c("siri", "jablonski"), c("wanda", "jablonski"))
    (0.2, ('the same family name in Latin letters: jablonski', 'different given names'))
    """
    total = 0.0
    reasons: list[Message] = []
    fa, fb = a.family_key or "", b.family_key or ""
    if fa and fa == fb:
        total += SAME_FAMILY
        reasons.append(Message(N_("the same family name in Latin letters: %(name)s"), name=fa))
    elif fa and fb and SequenceMatcher(None, fa, fb).ratio() >= 0.85:
        total += SIMILAR_FAMILY
        reasons.append(Message(N_("similar family names: %(a)s, %(b)s"), a=fa, b=fb))
    ga, gb = a.given_key or "", b.given_key or ""
    if ga and ga == gb:
        total += SAME_GIVEN
        reasons.append(Message(N_("the same given name: %(name)s"), name=ga))
    elif ga and gb and (ga.startswith(gb) or gb.startswith(ga)) and min(len(ga), len(gb)) == 1:
        total += GIVEN_INITIAL
        reasons.append(Message(N_("the given name's initial matches")))
    elif ga and gb and SequenceMatcher(None, ga, gb).ratio() >= 0.8:
        total += SIMILAR_GIVEN
        reasons.append(Message(N_("similar given names: %(a)s, %(b)s"), a=ga, b=gb))
    elif ga and gb:
        total += OTHER_GIVEN
        reasons.append(Message(N_("different given names")))
    total += _birthday(a, b, reasons)
    shared = {e.id for e in a.employers} & {e.id for e in b.employers}
    if shared:
        total += SAME_EMPLOYER
        names = sorted(e.name or e.id for e in a.employers if e.id in shared)
        reasons.append(Message(N_("the same employer: %(names)s"), names=tuple(names)))
    if a.email and b.email and a.email.strip().casefold() == b.email.strip().casefold():
        total += SAME_EMAIL
        reasons.append(Message(N_("the same email")))
    pa, pb = _digits(a.phone), _digits(b.phone)
    if len(pa) >= 6 and pa == pb:
        total += SAME_PHONE
        reasons.append(Message(N_("the same phone number")))
    return round(min(1.0, max(0.0, total)), 2), tuple(reasons)


def _birthday(a: Candidate, b: Candidate, reasons: list[Message]) -> float:
    if not (a.birthday_month and a.birthday_day and b.birthday_month and b.birthday_day):
        return 0.0
    same_day = (a.birthday_month, a.birthday_day) == (b.birthday_month, b.birthday_day)
    if not same_day or (a.birthday_year and b.birthday_year and a.birthday_year != b.birthday_year):
        reasons.append(Message(N_("different birthdays")))
        return OTHER_BIRTHDAY
    if a.birthday_year and b.birthday_year:
        reasons.append(Message(N_("the same birth date")))
        return SAME_BIRTH_DATE
    reasons.append(Message(N_("the same birthday (day and month)")))
    return SAME_BIRTHDAY


def _pairs_in(block: list[Candidate]) -> Iterator[tuple[Candidate, Candidate]]:
    if len(block) <= LARGE_BLOCK:
        yield from combinations(block, 2)
        return
    by_initial: dict[str, list[Candidate]] = {}
    for person in block:
        by_initial.setdefault((person.given_key or "")[:1], []).append(person)
    for group in by_initial.values():
        yield from _pairs_in(group) if len(group) < len(block) else combinations(group, 2)


def _pair(a: Candidate, b: Candidate, found: float, reasons: tuple[Message, ...]) -> Pair:
    if b.id < a.id:
        a, b = b, a
    return Pair(a.id, a.name or a.id, b.id, b.name or b.id, found, reasons)


def likely(
    session: neo4j.Session,
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    progress: Callable[[int], None] | None = None,
) -> list[Pair]:
    """Every pair scoring at least `min_score`, best first: blocks read by key in Cypher
    (repository/duplicates.py), pairs compared only inside a block. `progress` is told
    after each block how many blocks are done."""
    seen: set[tuple[str, str]] = set()
    found: list[Pair] = []
    for done, (_, block) in enumerate(repo.blocks(session, clock.today()), start=1):
        for a, b in _pairs_in(block):
            key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
            if key in seen:
                continue
            seen.add(key)
            value, reasons = score(a, b)
            if value >= min_score:
                found.append(_pair(a, b, value, reasons))
        if progress is not None:
            progress(done)
    found = _not_dismissed(session, found)
    return sorted(found, key=lambda p: (-p.score, p.a_name, p.b_name))


def of_person(
    session: neo4j.Session, scope: scopes.Scope, person_id: str, *, min_score: float
) -> list[Pair]:
    """The people `scope` may read who may be the same as `person_id`, best first."""
    candidates = repo.of_person(session, person_id, clock.today())
    if not candidates or candidates[0].id != person_id:
        return []
    me, others = candidates[0], candidates[1:]
    allowed = scopes.readable(session, scope, "person", (o.id for o in others))
    pairs = [_pair(me, o, *score(me, o)) for o in others if o.id in allowed]
    pairs = _not_dismissed(session, [p for p in pairs if p.score >= min_score])
    return sorted(pairs, key=lambda p: -p.score)


PAGE_PEOPLE = 500  # people the list page reads at a time, in family-name order
# Pairs the list page shows at most, the strongest first: among people of one common name
# a window can hold thousands of pairs, and a page of them is more than anyone reads.
PAGE_PAIRS = 100


def pair_of(session: neo4j.Session, a_id: str, b_id: str) -> Pair | None:
    """The score of two people (None if either is gone), whatever it is."""
    found = {c.id: c for c in repo.of_ids(session, [a_id, b_id], clock.today())}
    if a_id not in found or b_id not in found:
        return None
    a, b = found[a_id], found[b_id]
    return Pair(a.id, a.name or a.id, b.id, b.name or b.id, *score(a, b))


@dataclass(frozen=True)
class DuplicatesPage:
    """/people/duplicates: likely pairs among the next people in family-name order (a page
    reads a window, never the whole graph; `kamgraph people duplicates` reads it all), only
    pairs whose two people the reader may read and no pair dismissed as two people;
    `next_after` continues (None at the end)."""

    pairs: tuple[Pair, ...]
    min_score: float
    after: str
    next_after: str | None
    more_pairs: bool = False  # these people hold more pairs than PAGE_PAIRS


def duplicates_page(
    session: neo4j.Session,
    scope: scopes.Scope,
    *,
    after: str = "",
    min_score: float = DEFAULT_MIN_SCORE,
    window: int = PAGE_PEOPLE,
) -> DuplicatesPage:
    """The page's pairs, both people readable by `scope`, the PAGE_PAIRS strongest."""
    blocks, next_after = repo.window(session, after, clock.today(), limit=window)
    allowed = scopes.readable(session, scope, "person", (p.id for b in blocks for p in b))
    found: list[tuple[float, tuple[Message, ...], Candidate, Candidate]] = []
    for block in blocks:
        for a, b in _pairs_in(block):
            if a.id in allowed and b.id in allowed:
                value, reasons = score(a, b)
                if value >= min_score:
                    found.append((value, reasons, a, b))
    found.sort(key=lambda f: (-f[0], f[2].name or "", f[3].name or ""))
    kept: list[Pair] = []
    checked = 0
    while checked < len(found) and len(kept) < PAGE_PAIRS:  # the strongest, less the dismissed
        chunk = found[checked : checked + PAGE_PAIRS]
        checked += len(chunk)
        kept += _not_dismissed(session, [_pair(a, b, v, why) for v, why, a, b in chunk])
    more = len(kept) > PAGE_PAIRS or checked < len(found)
    return DuplicatesPage(tuple(kept[:PAGE_PAIRS]), min_score, after, next_after, more)


def _not_dismissed(session: neo4j.Session, pairs: list[Pair]) -> list[Pair]:
    """`pairs` without those a reader dismissed as two people (one read for all)."""
    gone = repo.dismissed_among(session, ((p.a, p.b) for p in pairs))
    return [p for p in pairs if (p.a, p.b) not in gone]


def _ordered(a_id: str, b_id: str) -> tuple[str, str]:
    a_id, b_id = a_id.strip(), b_id.strip()
    if not a_id or not b_id:
        raise Invalid(N_("Name two people: one of them is missing."))
    if a_id == b_id:
        raise Invalid(N_("A person cannot be a duplicate of themselves: %(id)s."), id=a_id)
    return (a_id, b_id) if a_id < b_id else (b_id, a_id)


@dataclass(frozen=True)
class Dismissal:
    """A pair just dismissed: ids and names, the smaller id first."""

    a: str
    a_name: str
    b: str
    b_name: str


def dismiss(session: neo4j.Session, a_id: str, b_id: str, *, by: str) -> Dismissal:
    """Mark `a_id` and `b_id` as two people ("not the same person"): the pair is listed no
    more, here, in the CLI or on the dossier, until restored. Audited by the caller's
    `audited` (its target the smaller id; its details name the other, `not_the_same_as`,
    shown as written: the trail's field words are the import's columns); NotFound if either is
    gone."""
    a_id, b_id = _ordered(a_id, b_id)
    note_change({"not_the_same_as": [None, b_id]})
    a_name, b_name = repo.dismiss(session, a_id, b_id, at=clock.now(), by=by)
    return Dismissal(a_id, a_name or a_id, b_id, b_name or b_id)


def restore(session: neo4j.Session, a_id: str, b_id: str) -> tuple[str, str]:
    """Take back a dismissal: the pair may be listed again. NotFound if it was not
    dismissed. Returns the pair, smaller id first."""
    a_id, b_id = _ordered(a_id, b_id)
    note_change({"not_the_same_as": [b_id, None]})
    repo.restore(session, a_id, b_id)
    return a_id, b_id


DISMISSED_SHOWN = 200  # the newest dismissed pairs the page and `--dismissed` show


@dataclass(frozen=True)
class DismissedPage:
    """/people/duplicates?dismissed=1: the newest pairs dismissed as two people whose two
    people the reader may read; `more` when older ones were not read."""

    pairs: tuple[Dismissed, ...]
    more: bool


def dismissed_page(
    session: neo4j.Session, scope: scopes.Scope, *, limit: int = DISMISSED_SHOWN
) -> DismissedPage:
    """The dismissed pairs `scope` reads both people of, newest first."""
    found = repo.dismissed(session, limit=limit)
    allowed = scopes.readable(session, scope, "person", {i for d in found for i in (d.a, d.b)})
    kept = tuple(d for d in found if d.a in allowed and d.b in allowed)
    return DismissedPage(kept, more=len(found) >= limit)
