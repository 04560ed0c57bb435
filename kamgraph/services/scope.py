"""Record-level access, decided in one place: who may read which record, and what of it.

The rule (docs/compliance.md says it for readers):

- a **KAM** reads the people and organizations of her territory (her user ``region``), of
  the accounts she manages (``MANAGES``, departments included), and the people she covers
  (a current cover; one she recorded herself counts once a lead confirms it);
- a **lead** reads what her team reads: the union of those scopes over the active users of
  her territory;
- an **admin** and a **compliance** officer read every record;
- a **deputy**, while a deputyship runs (services/deputies.py), also reads what the absent
  colleague reads: her territory, her accounts and her covers, and the sensitive fields of
  the people she covers (one lookup of the running deputyships per request);
- a proposal is read with its account, and by its authors (and their lead);
- a tender is read with its buyer; an interaction, and its notes, by whoever logged it (or
  their lead) and whoever reads one of the people who took part.

What is read is then redacted here, before any template, JSON, CSV or brief sees it:
sensitive fields (``models.sensitive_fields``) are emptied unless the reader may see them,
and the people a page names beside its subject (ties, reporting lines, interactions' other
participants, warm paths) are dropped when the reader may not read them. A record outside
the scope is a 404, as if it did not exist: its id tells nothing.

Every check reads only the records a page is about to show (one query per kind), so its
cost follows the page, never the graph.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Final, Protocol, TypeVar, overload

import neo4j

from kamgraph import clock
from kamgraph.errors import NotFound
from kamgraph.models import LEAD_ROLES, Person, User, sensitive_fields
from kamgraph.repository import proposals as proposals_repo
from kamgraph.repository import scope as scope_repo
from kamgraph.repository import search as search_repo
from kamgraph.repository.dossier import Dossier
from kamgraph.schema import RELATIONSHIP_RULES, Bundle

READS_EVERYTHING: Final = ("admin", "compliance")
KINDS: Final = ("person", "organization", "tender", "interaction", "proposal")
SENSITIVE: Final = sensitive_fields(Person)
NOT_FOUND: Final = (
    "nothing here: the record may have been deleted, merged, or be outside your territories"
)


@dataclass(frozen=True)
class Scope:
    """What one reader reaches: everything, or the territories `regions` and the covers and
    accounts of the colleagues `users` (herself, or a lead's team)."""

    user: User
    everything: bool
    users: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    covering: tuple[str, ...] = ()  # the absent colleagues she deputises for today

    @property
    def sees_all_sensitive(self) -> bool:
        """Leads and admins see every readable dossier's sensitive fields (compliance none)."""
        return self.user.role in LEAD_ROLES

    def may_see_sensitive(self, covered_by: Collection[str]) -> bool:
        """Family, values and personal notes: for leads and admins, and the KAMs who cover
        the person (a confirmed cover), and their deputies while they are away. Compliance
        officers never see them."""
        return self.sees_all_sensitive or any(
            u in covered_by for u in (self.user.id, *self.covering)
        )


def of(session: neo4j.Session, user: User) -> Scope:
    """The scope of `user`."""
    if user.role in READS_EVERYTHING:
        return Scope(user, everything=True)
    regions = (user.region,) if user.region else ()
    users: tuple[str, ...] = (user.id,)
    if user.role in LEAD_ROLES and regions:
        users = tuple(dict.fromkeys((user.id, *scope_repo.team(session, regions))))
    absent = scope_repo.deputising(session, user.id, clock.today())
    covering = tuple(kam for kam, _ in absent)
    users = tuple(dict.fromkeys((*users, *covering)))
    regions = tuple(dict.fromkeys((*regions, *(r for _, r in absent if r))))
    return Scope(user, everything=False, users=users, regions=regions, covering=covering)


def command_line(user_id: str) -> Scope:
    """The scope of whoever runs a command with the database's credentials: every record
    (kamgraph export checks sensitive fields apart)."""
    return Scope(
        User(id=user_id, email="(command line)", name=user_id, role="admin"), everything=True
    )


def readable(session: neo4j.Session, scope: Scope, kind: str, ids: Iterable[str]) -> set[str]:
    """Those of `ids` (records of `kind`) that `scope` may read."""
    wanted = {i for i in ids if i}
    if scope.everything or not wanted or kind == "event":
        # Every reader reads an event's page (services/events.py): its people are limited
        # there, to those the reader reaches.
        return wanted
    if kind == "interaction":
        people = readable(session, scope, "person", scope_repo.participants(session, wanted))
        return scope_repo.readable_interactions(session, wanted, users=scope.users, people=people)
    if kind == "proposal":
        return _readable_proposals(session, scope, wanted)
    return scope_repo.readable(
        session, kind, wanted, users=scope.users, regions=scope.regions, today=clock.today()
    )


def _readable_proposals(session: neo4j.Session, scope: Scope, ids: set[str]) -> set[str]:
    """A proposal is read with its account, and by its authors (and their lead)."""
    found = proposals_repo.owners(session, ids)
    accounts = readable(session, scope, "organization", (p.account_id or "" for p in found))
    return {
        p.id
        for p in found
        if p.account_id in accounts or any(a in scope.users for a in p.author_ids)
    }


def require(session: neo4j.Session, scope: Scope, kind: str, record_id: str) -> None:
    """NotFound unless `scope` may read this record (an unknown id is not found either)."""
    if kind not in KINDS:
        raise ValueError(f"no scope rule for {kind!r}")
    if not scope.everything and record_id not in readable(session, scope, kind, [record_id]):
        raise NotFound(NOT_FOUND)


def redact(person: Person) -> Person:
    """The person without their sensitive fields."""
    empty = {f.name: f.default for f in dataclasses.fields(Person) if f.name in SENSITIVE}
    return dataclasses.replace(person, **empty)


def only_readable(
    session: neo4j.Session,
    scope: Scope,
    rows: Iterable[Mapping[str, Any]],
    key: str = "id",
    kind: str = "person",
) -> list[dict[str, Any]]:
    """The rows whose `key` names a record `scope` may read (one query for all of them)."""
    listed = [dict(row) for row in rows]
    allowed = readable(session, scope, kind, (str(row[key]) for row in listed if row.get(key)))
    return [row for row in listed if row.get(key) and str(row[key]) in allowed]


class _Record(Protocol):
    @property
    def id(self) -> str: ...


_R = TypeVar("_R", bound=_Record)


def readable_rows(
    session: neo4j.Session, scope: Scope, rows: Iterable[_R], kind: str = "person"
) -> list[_R]:
    """The typed rows whose `id` names a record `scope` may read (one query for all)."""
    listed = list(rows)
    allowed = readable(session, scope, kind, (row.id for row in listed))
    return [row for row in listed if row.id in allowed]


def dossier(session: neo4j.Session, scope: Scope, found: Dossier) -> Dossier:
    """The dossier as `scope` may see it: the people beside its subject limited to those it
    reads, and sensitive fields emptied unless it may see them."""
    beside = (found.reports_to, found.reports, found.moved_by, found.moves, found.knows)
    named = [r.id for rows in beside for r in rows]
    named += [o.id for i in found.interactions for o in i.others]
    allowed = readable(session, scope, "person", named)
    reports_to, reports, moved_by, moves, knows = (
        [r for r in rows if r.id in allowed] for rows in beside
    )
    interactions = [
        dataclasses.replace(i, others=[o for o in i.others if o.id in allowed])
        for i in found.interactions
    ]
    person = found.person if scope.may_see_sensitive(found.covered_by) else redact(found.person)
    return dataclasses.replace(
        found,
        person=person,
        reports_to=reports_to,
        reports=reports,
        moved_by=moved_by,
        moves=moves,
        knows=knows,
        interactions=interactions,
    )


class _Edge(Protocol):
    @property
    def source(self) -> str: ...
    @property
    def target(self) -> str: ...


class _Network(Protocol):
    """A graph view's typed rows (repository/dossier.EgoNetwork, say): a frozen dataclass."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

    @property
    def nodes(self) -> Sequence[_Record]: ...
    @property
    def edges(self) -> Sequence[_Edge]: ...


_N = TypeVar("_N", bound=_Network)


@overload
def network(session: neo4j.Session, scope: Scope, graph: _N) -> _N: ...
@overload
def network(session: neo4j.Session, scope: Scope, graph: Mapping[str, Any]) -> dict[str, Any]: ...
def network(
    session: neo4j.Session, scope: Scope, graph: _Network | Mapping[str, Any]
) -> _Network | dict[str, Any]:
    """A graph view's nodes and edges (Cytoscape elements) limited to the people `scope`
    reads; ties to the others go with them. Typed rows or, as the DMU map still reads them,
    a map of "nodes" and "edges"."""
    if isinstance(graph, Mapping):
        allowed = readable(session, scope, "person", (str(n["id"]) for n in graph["nodes"]))
        nodes = [n for n in graph["nodes"] if n["id"] in allowed]
        edges = [e for e in graph["edges"] if e["source"] in allowed and e["target"] in allowed]
        return {**graph, "nodes": nodes, "edges": edges}
    allowed = readable(session, scope, "person", (n.id for n in graph.nodes))
    return dataclasses.replace(
        graph,
        nodes=[n for n in graph.nodes if n.id in allowed],
        edges=[e for e in graph.edges if e.source in allowed and e.target in allowed],
    )


class _Path(Protocol):
    @property
    def nodes(self) -> Sequence[_Record]: ...


_P = TypeVar("_P", bound=_Path)


def paths(session: neo4j.Session, scope: Scope, found: Sequence[_P]) -> tuple[list[_P], int]:
    """The warm paths whose people `scope` all reads, and how many others were left out."""
    named = {n.id for path in found for n in path.nodes[1:]}
    allowed = readable(session, scope, "person", named)
    kept = [p for p in found if all(n.id in allowed for n in p.nodes[1:])]
    return kept, len(found) - len(kept)


def search(
    session: neo4j.Session, scope: Scope, text: str, *, segment: str | None = None
) -> dict[str, list[search_repo.Hit]]:
    """The search box's results (repository.search) that `scope` may read; with a
    stakeholder `segment`, people of that segment only."""
    grouped = search_repo.search(session, text, segment=segment)
    allowed = {
        kind: readable(session, scope, kind, (h.id for h in hits)) for kind, hits in grouped.items()
    }
    return {kind: [h for h in hits if h.id in allowed[kind]] for kind, hits in grouped.items()}


# The import tables whose records a scope limits, by the kind of record they hold.
_SCOPED_TABLES: Final = {
    "people": "person",
    "organizations": "organization",
    "tenders": "tender",
    "interactions": "interaction",
    "proposals": "proposal",
}


def _export_proposals(tables: dict[str, list[dict[str, Any]]], kept: dict[str, set[str]]) -> None:
    """A kept proposal's steps, and its arguments to the people kept."""
    ours = kept["proposals"]
    tables["proposal_steps"] = [
        r for r in tables.get("proposal_steps", []) if r.get("proposal_id") in ours
    ]
    tables["proposal_arguments"] = [
        r
        for r in tables.get("proposal_arguments", [])
        if r.get("proposal_id") in ours and r.get("person_id") in kept["people"]
    ]


def exported(session: neo4j.Session, scope: Scope, bundle: Bundle, *, sensitive: bool) -> Bundle:
    """What of a whole-database `bundle` an export by `scope` holds: the records it reads,
    the lots of its tenders and the ties between what it holds; sensitive fields only if
    `sensitive` (the caller checks the role)."""
    tables = dict(bundle.tables)
    if not scope.everything:
        kept: dict[str, set[str]] = {}
        for table, kind in _SCOPED_TABLES.items():
            ids = readable(session, scope, kind, (str(r["id"]) for r in tables.get(table, [])))
            kept[table] = ids
            tables[table] = [r for r in tables.get(table, []) if str(r["id"]) in ids]
        tables["lots"] = [
            r for r in tables.get("lots", []) if r.get("tender_id") in kept["tenders"]
        ]
        _keep_person_plans(tables, kept)
        for by_account in ("sales", "account_plans"):  # read with their account
            tables[by_account] = [
                r
                for r in tables.get(by_account, [])
                if r.get("account_id") in kept["organizations"]
            ]
        _export_proposals(tables, kept)
        # Absences and deputies: her own, or her team's for a lead.
        tables["deputyships"] = [
            r
            for r in tables.get("deputyships", [])
            if r.get("user_id") in scope.users or r.get("deputy_id") in scope.users
        ]

        def held(table: str, record_id: str) -> bool:
            return table not in kept or record_id in kept[table]

        tables["relationships"] = [
            r
            for r in tables.get("relationships", [])
            if held(RELATIONSHIP_RULES[r["type"]].from_table, str(r["from_id"]))
            and held(RELATIONSHIP_RULES[r["type"]].to_table, str(r["to_id"]))
        ]
    if not sensitive:
        tables["people"] = [{**r, **dict.fromkeys(SENSITIVE)} for r in tables.get("people", [])]
    return Bundle(tables)


def _keep_person_plans(tables: dict[str, list[dict[str, Any]]], kept: dict[str, set[str]]) -> None:
    """A relationship plan goes with its person, a step with its plan, and a step names
    only the interactions kept."""
    tables["person_plans"] = [
        r for r in tables.get("person_plans", []) if r.get("person_id") in kept["people"]
    ]
    plans = {str(r["id"]) for r in tables["person_plans"]}
    tables["person_plan_steps"] = [
        {
            **r,
            "interaction_ids": tuple(
                i for i in r.get("interaction_ids") or () if i in kept["interactions"]
            ),
        }
        for r in tables.get("person_plan_steps", [])
        if r.get("plan_id") in plans
    ]


def near_readable(
    session: neo4j.Session, scope: Scope, near: Callable[[Sequence[str]], dict[str, Any]]
) -> Callable[[Sequence[str]], dict[str, Any]]:
    """`near` (influence around people, from the analysis worker), its influencers outside
    them limited to the people `scope` reads."""

    def scoped(members: Sequence[str]) -> dict[str, Any]:
        found = near(members)
        outside: list[dict[str, Any]] = found.get("outside") or []
        if not outside:
            return found
        allowed = readable(session, scope, "person", (str(o["id"]) for o in outside))
        return {**found, "outside": [o for o in outside if str(o["id"]) in allowed]}

    return scoped
