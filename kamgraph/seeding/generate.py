"""A synthetic region of any size, shaped like the demo, for scale tests and benchmarks.

Deterministic for a given (people, seed). Hospitals of about 400 people in departments of
about 50 (dense KNOWS cliques, influence towards department heads), a ministry cluster per
20,000 people bridged to hospitals by a few people, tenders with DMUs, and a team whose
coverage has gaps. About 10 relationships per person. Rows stream to Neo4j in chunks.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from queue import Queue
from threading import Thread
from typing import Any, cast

import neo4j

from kamgraph import models
from kamgraph.models import Birthday
from kamgraph.repository import bundles
from kamgraph.schema import ALL_TABLES, Bundle

CHUNK_PEOPLE = 10_000
HOSPITAL_SIZE = 400
DEPARTMENT_SIZE = 50
REGION_SIZE = 20_000
PEOPLE_PER_KAM = 400
GIVEN = [
    "Ada",
    "Bo",
    "Cyra",
    "Dario",
    "Elin",
    "Fenna",
    "Goran",
    "Hale",
    "Ines",
    "Jarek",
    "Kaia",
    "Lior",
    "Mira",
    "Nils",
    "Orla",
    "Pavo",
    "Quin",
    "Rhea",
    "Soren",
    "Tove",
    "Ulla",
    "Vida",
    "Wren",
    "Xavi",
    "Yara",
    "Zeno",
    "Alba",
    "Brin",
    "Corin",
    "Dagny",
    "Emre",
    "Faye",
]
FAMILY = [
    "Rowan",
    "Lind",
    "Moss",
    "Vale",
    "Thorn",
    "Quill",
    "Ashby",
    "Brandt",
    "Corvin",
    "Dahl",
    "Ekberg",
    "Falk",
    "Grell",
    "Holm",
    "Ives",
    "Jessup",
    "Kestrel",
    "Lorne",
    "Marsh",
    "Norrel",
    "Oakes",
    "Pell",
    "Rask",
    "Sorel",
    "Tamsin",
    "Ulrik",
    "Varga",
    "Wyld",
]
HOBBIES = ("sailing", "opera", "chess", "cycling", "gardening", "jazz", "hiking", "golf")
SPECIALTIES = ("Cardiology", "Oncology", "Pharmacy", "Surgery", "Nephrology", "Neurology")
ANCHOR = datetime(2026, 11, 23, tzinfo=UTC)

Progress = Callable[[int, int], None]  # (rows written, rows expected)


@dataclass(frozen=True)
class Shape:
    """How many of each thing a region of `people` people has."""

    people: int
    seed: int

    @property
    def hospitals(self) -> int:
        return max(3, self.people // HOSPITAL_SIZE)

    @property
    def regions(self) -> int:
        return max(1, self.people // REGION_SIZE)

    @property
    def kams(self) -> int:
        return max(8, self.people // PEOPLE_PER_KAM)

    @property
    def tenders(self) -> int:
        return max(10, self.people // 100)

    def department_of(self, person: int) -> int:
        """People are laid out department by department."""
        return person // DEPARTMENT_SIZE

    @property
    def departments(self) -> int:
        return (self.people + DEPARTMENT_SIZE - 1) // DEPARTMENT_SIZE

    def hospital_of_department(self, department: int) -> int:
        return department % self.hospitals

    def expected_rows(self) -> int:
        """About how many rows a full generation writes (for the progress bar)."""
        return self.people * 12


def _pid(i: int) -> str:
    return f"gp{i}"


def _organizations(shape: Shape) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"id": "g-us", "name": "Northwind Medica", "kind": "our_company"},
        {"id": "g-team", "name": "Northwind KAM team", "kind": "team", "parent_id": "g-us"},
        *({"id": f"g-comp{c}", "name": f"Rival {c}", "kind": "competitor"} for c in range(3)),
    ]
    for r in range(shape.regions):
        region = f"Region {r}"
        rows += [
            {
                "id": f"g-min{r}",
                "name": f"Health Ministry {r}",
                "kind": "ministry",
                "region": region,
            },
            {
                "id": f"g-com{r}",
                "name": f"Tender Commission {r}",
                "kind": "tender_commission",
                "parent_id": f"g-min{r}",
                "region": region,
            },
            {
                "id": f"g-fund{r}",
                "name": f"Insurance Fund {r}",
                "kind": "insurance_fund",
                "region": region,
            },
            {
                "id": f"g-pc{r}",
                "name": f"Purchasing Centre {r}",
                "kind": "purchasing_centre",
                "region": region,
                "annual_sales": 900_000.0,
                "is_key_account": True,
            },
            {
                "id": f"g-dist{r}",
                "name": f"Distributor {r}",
                "kind": "distributor",
                "region": region,
                "annual_sales": 600_000.0,
                "is_key_account": True,
            },
        ]
    for h in range(shape.hospitals):
        region = f"Region {h % shape.regions}"
        rows.append(
            {
                "id": f"g-h{h}",
                "name": f"Hospital {h}",
                "kind": "hospital",
                "region": region,
                "annual_sales": float(100_000 + (h * 7919) % 400_000),
                "is_key_account": h % 5 == 0,
            }
        )
        rows.append(
            {
                "id": f"g-h{h}-fc",
                "name": f"Formulary Committee {h}",
                "kind": "formulary_committee",
                "parent_id": f"g-h{h}",
                "region": region,
            }
        )
    for d in range(shape.departments):
        h = shape.hospital_of_department(d)
        rows.append(
            {
                "id": f"g-d{d}",
                "name": f"{SPECIALTIES[d % len(SPECIALTIES)]} {d}",
                "kind": "department",
                "parent_id": f"g-h{h}",
            }
        )
    return rows


def _users(shape: Shape) -> list[dict[str, Any]]:
    """The team: KAMs and leads spread over the regions (each one's territory)."""
    leads = max(2, shape.kams // 8)
    return [
        *(
            {
                "id": f"gk{k}",
                "email": f"kam{k}@northwind.example",
                "name": f"KAM {k}",
                "role": "kam",
                "region": f"Region {k % shape.regions}",
            }
            for k in range(shape.kams)
        ),
        *(
            {
                "id": f"gl{k}",
                "email": f"lead{k}@northwind.example",
                "name": f"Lead {k}",
                "role": "lead",
                "region": f"Region {k % shape.regions}",
            }
            for k in range(leads)
        ),
    ]


def _products() -> list[dict[str, Any]]:
    inns = ("rosuvastatin", "enoxaparin", "meropenem", "insulin glargine", "filgrastim")
    return [
        {
            "id": f"g-prod{i}",
            "name": f"Brand {i}",
            "inn": inns[i % len(inns)],
            "company_id": "g-us" if i < 5 else f"g-comp{i % 3}",
        }
        for i in range(15)
    ]


def _person(i: int, rng: random.Random) -> dict[str, Any]:
    head = i % DEPARTMENT_SIZE == 0
    birthday = Birthday(
        rng.randint(1, 12), rng.randint(1, 28), rng.choice((None, 1955, 1968, 1979))
    )
    return {
        "id": _pid(i),
        "given_name": rng.choice(GIVEN),
        "family_name": rng.choice(FAMILY),
        "titles": ("Prof.", "Dr.") if head else (("Dr.",) if rng.random() < 0.5 else ()),
        "specialty": SPECIALTIES[(i // DEPARTMENT_SIZE) % len(SPECIALTIES)],
        "birthday": birthday if rng.random() < 0.6 else None,
        "hobbies": tuple(rng.sample(HOBBIES, 2)) if rng.random() < 0.4 else (),
        "dmu_type": rng.choice(models.DMU_TYPES),
        "source": "generated",
    }


def _rel(rel_type: str, a: str, b: str, **props: Any) -> dict[str, Any]:
    return {"type": rel_type, "from_id": a, "to_id": b, "props": props, "source": "generated"}


def _person_relationships(shape: Shape, i: int, rng: random.Random) -> list[dict[str, Any]]:
    """About ten outgoing ties of person i."""
    d = shape.department_of(i)
    first = d * DEPARTMENT_SIZE
    last = min(shape.people, first + DEPARTMENT_SIZE) - 1
    head = first
    rows = [
        _rel(
            "WORKS_AT",
            _pid(i),
            f"g-d{d}",
            is_current=True,
            title="Head of department" if i == head else "Physician",
        )
    ]
    if i != head:
        rows.append(_rel("REPORTS_TO", _pid(i), _pid(head)))
        rows.append(
            _rel(
                "INFLUENCES",
                _pid(i),
                _pid(head),
                weight=round(rng.uniform(0.2, 0.8), 2),
                topic="clinical",
            )
        )
    peers = {rng.randint(first, last) for _ in range(6)} - {i}
    for peer in sorted(peers):
        rows.append(
            _rel(
                "KNOWS",
                _pid(i),
                _pid(peer),
                kind="colleague",
                strength=round(rng.uniform(0.3, 1.0), 2),
            )
        )
    if rng.random() < 0.5:
        other = rng.randrange(shape.people)
        if other != i and rng.random() < 0.3:
            kind = rng.choice(("former_colleague", "friend", "co_author"))
            rows.append(
                _rel(
                    "KNOWS",
                    _pid(i),
                    _pid(other),
                    kind=kind,
                    strength=round(rng.uniform(0.2, 0.7), 2),
                )
            )
        target = rng.randint(first, last)
        if target != i:
            weight = round(rng.uniform(0.1, 0.6), 2)
            rows.append(_rel("INFLUENCES", _pid(i), _pid(target), weight=weight, topic="formulary"))
    if i % 97 == 0:  # bridges between the ministry cluster and the hospitals
        region = shape.hospital_of_department(d) % shape.regions
        rows.append(_rel("MEMBER_OF", _pid(i), f"g-com{region}", role="expert"))
    if rng.random() < 0.3:
        kam = f"gk{rng.randrange(shape.kams)}"
        stage = rng.choice(models.COVERAGE_STAGES)
        rows.append(_rel("COVERS", kam, _pid(i), stage=stage))
    return rows


def _tenders(shape: Shape, rng: random.Random) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    tenders: list[dict[str, Any]] = []
    roles: list[dict[str, Any]] = []
    for t in range(shape.tenders):
        h = t % shape.hospitals
        submission = ANCHOR.date() + timedelta(days=rng.randint(-200, 270))
        status = (
            "planned"
            if submission > ANCHOR.date() + timedelta(days=120)
            else rng.choice(models.TENDER_STATUSES[1:6])
        )
        tenders.append(
            {
                "id": f"gt{t}",
                "title": f"Tender {t}",
                "buyer_id": f"g-h{h}",
                "status": status,
                "procedure": "open",
                "submission_deadline": submission,
                "source": "generated",
            }
        )
        departments = list(range(h, shape.departments, shape.hospitals))[:3]
        members = {
            rng.randrange(d * DEPARTMENT_SIZE, min(shape.people, (d + 1) * DEPARTMENT_SIZE))
            for d in departments
            for _ in range(2)
        }
        for m in sorted(members):
            roles.append(
                _rel(
                    "ROLE_IN",
                    _pid(m),
                    f"gt{t}",
                    role=rng.choice(models.TENDER_ROLES),
                    stance=rng.choice(models.STANCES),
                )
            )
    return tenders, roles


def _interactions(shape: Shape, chunk: range, rng: random.Random) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for i in chunk:
        if rng.random() < 0.3:
            day = ANCHOR.date() - timedelta(days=rng.randint(1, 360))
            rows.append(
                {
                    "id": f"gi{i}",
                    "date": day,
                    "kind": rng.choice(models.INTERACTION_KINDS),
                    "user_id": f"gk{rng.randrange(shape.kams)}",
                    "participant_ids": (_pid(i),),
                    "notes": "Generated visit",
                    "due_date": day + timedelta(days=14),
                    "done": rng.random() < 0.7,
                    "source": "generated",
                }
            )
    return rows


def _unique(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One tie per (type, from, to), the first one drawn, as the import requires."""
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in rows:
        seen.setdefault((row["type"], row["from_id"], row["to_id"]), row)
    return list(seen.values())


def chunks(shape: Shape) -> Iterator[Bundle]:
    """The region as a stream of bundles, each small enough to write in a few batches."""
    rng = random.Random(shape.seed)
    tenders, roles = _tenders(shape, rng)
    yield Bundle(
        {
            "organizations": _organizations(shape),
            "users": _users(shape),
            "products": _products(),
            "tenders": tenders,
        }
    )
    for start in range(0, shape.people, CHUNK_PEOPLE):
        part = range(start, min(shape.people, start + CHUNK_PEOPLE))
        chunk_rng = random.Random(f"{shape.seed}-people-{start}")
        yield Bundle({"people": [_person(i, chunk_rng) for i in part]})
    for start in range(0, shape.people, CHUNK_PEOPLE):
        part = range(start, min(shape.people, start + CHUNK_PEOPLE))
        chunk_rng = random.Random(f"{shape.seed}-ties-{start}")
        rels = _unique([r for i in part for r in _person_relationships(shape, i, chunk_rng)])
        yield Bundle({"relationships": rels, "interactions": _interactions(shape, part, chunk_rng)})
    yield Bundle({"relationships": roles})


_ALL_COLUMNS = {table.name: {c.name for c in table.columns} for table in ALL_TABLES}


def _prefetched(source: Iterator[Bundle], depth: int = 2) -> Iterator[Bundle]:
    """Yield from `source`, generating the next chunks in a thread while the last is written.

    Generating is Python work and writing is mostly waiting on Neo4j, so the two overlap.
    """
    done = object()
    queue: Queue[Bundle | object] = Queue(maxsize=depth)
    failure: list[BaseException] = []

    def produce() -> None:
        try:
            for item in source:
                queue.put(item)
        except BaseException as error:  # handed to the consumer, re-raised there
            failure.append(error)
        finally:
            queue.put(done)

    thread = Thread(target=produce, name="region-generator", daemon=True)
    thread.start()
    while (item := queue.get()) is not done:
        yield cast(Bundle, item)
    thread.join()
    if failure:
        raise failure[0]


def write_region(
    session: neo4j.Session, shape: Shape, *, progress: Progress | None = None
) -> bundles.WriteCounts:
    """Generate and upsert the region chunk by chunk; returns the combined counts."""
    total = bundles.WriteCounts()
    written = 0
    first_ties = bundles.absent_ties(session)  # each chunk's ties are new: ids never repeat
    for bundle in _prefetched(chunks(shape)):
        counts = bundles.write_bundle(
            session,
            bundle,
            _ALL_COLUMNS,
            source="generated",
            first_ties=first_ties,
            history=False,
        )
        for table in counts.created:
            total.add(table, counts.created[table], counts.updated.get(table, 0))
        written += bundle.count()
        if progress:
            progress(written, shape.expected_rows())
    return total
