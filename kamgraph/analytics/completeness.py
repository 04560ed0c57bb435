"""Dossier completeness: which standard dossier fields we know of a person, and of a DMU.

The field guides ask for "complete data on all DMU members", standardised across the
department. The standard fields (`models.DOSSIER_FIELDS`) and what counts as known:

- **birthday**: a birthday, with or without the year;
- **hobbies**: at least one hobby;
- **family**: at least one family member (sensitive);
- **values**: at least one of "values and motivations", one column for both, so motives
  are not counted twice (sensitive);
- **communication**: communication preferences (the communication style);
- **dmu_type**: the DMU type, what moves them (boss, people, finance, technical);
- **stance**: on a tender page, the member's stance in that tender; elsewhere, a stance in
  any open tender;
- **stage**: a current tie of our team on the ladder (COVERS, at any stage).

The repository reads only whether each field is filled, for the people a page shows
(cypher/graph/tender_dmu.cypher, account_members.cypher, cypher/team/key_people.cypher),
never their values, so a page may say that a sensitive field is *known* to a reader who
may not read it: it tells a KAM what is left to find out, and nothing of what is there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kamgraph.models import DOSSIER_FIELDS

__all__ = ["Completeness", "completeness", "overall"]


@dataclass(frozen=True)
class Completeness:
    """How many standard dossier fields are known, of how many, and which are missing."""

    known: int
    total: int
    missing: tuple[str, ...]  # in DOSSIER_FIELDS' order

    @property
    def share(self) -> float:
        """The known fields' share, 0..1 (1 for nothing to know)."""
        return self.known / self.total if self.total else 1.0


def completeness(known: Mapping[str, bool]) -> Completeness:
    """One person's completeness from which fields are filled (absent names count as unknown).

    >>> c = completeness({"birthday": True, "hobbies": True, "stance": True})
    >>> c.known, c.total, c.missing[:2]
    (3, 8, ('family', 'values'))
    """
    missing = tuple(name for name in DOSSIER_FIELDS if not known.get(name))
    return Completeness(len(DOSSIER_FIELDS) - len(missing), len(DOSSIER_FIELDS), missing)


def overall(people: Iterable[Completeness]) -> Completeness:
    """A group's completeness (a DMU's): all its members' known fields of all their fields;
    `missing` lists the fields missing for at least one member, most often missing first.

    >>> a = completeness({"birthday": True})
    >>> b = completeness({"birthday": True, "family": True})
    >>> g = overall([a, b])
    >>> g.known, g.total, g.missing[:3]
    (3, 16, ('hobbies', 'values', 'communication'))
    """
    found = list(people)
    counts = {name: sum(name in c.missing for c in found) for name in DOSSIER_FIELDS}
    missing = sorted((n for n in DOSSIER_FIELDS if counts[n]), key=lambda n: -counts[n])
    return Completeness(sum(c.known for c in found), sum(c.total for c in found), tuple(missing))
