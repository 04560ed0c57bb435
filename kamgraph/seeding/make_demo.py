"""Build the demo region's people.csv and relationships.csv from hand-written parts.

    .venv/bin/python seeds/make_demo.py           # write seeds/demo/{people,relationships}.csv
    .venv/bin/python seeds/make_demo.py --check   # exit 1 if the committed files differ
    .venv/bin/python seeds/make_demo.py --facts   # print the planted facts (see seeds/README.md)

Hand-written and reviewed: every other file in seeds/demo/, and seeds/demo-src/: the key
people with full dossiers, every relationship that matters for a story (tender roles,
influence, coverage, bridges, hidden influencers), and the facts the ordinary staff are made
from (demo_sources.py). Generated here, with a fixed seed: the ordinary staff of each
department and office (names, specialty, job, boss), their KNOWS ties (dense inside a
department, sparse across hospitals), society memberships, congress attendance and the small
contacts of the KAMs. The columns written are the import format's (kamgraph/schema.py). The
build also checks ids, references and the planted structures, and stops if an edit broke one.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

from kamgraph import schema
from kamgraph.resources import resource_dir
from kamgraph.seeding.demo import ANCHOR
from kamgraph.seeding.demo_sources import (
    NamedStaff,
    Row,
    SourceError,
    Sources,
    read_csv,
    read_sources,
    read_table,
)

SEED = 20261123
STALE_DAYS = 90
BIRTHDAY_WINDOW_DAYS = 14

# Columns of the import format that the demo leaves empty, so that the import fills in its
# defaults (source, consent dates, record stamps, version).
LEFT_TO_IMPORT = frozenset(
    {
        "source",
        "version",
        "lawful_basis",
        "collected_on",
        "informed_on",
        "retain_until",
        "recorded_at",
        "recorded_by",
    }
)
PEOPLE_COLUMNS = tuple(c.name for c in schema.PEOPLE.columns if c.name not in LEFT_TO_IMPORT)
REL_COLUMNS = tuple(c.name for c in schema.RELATIONSHIPS.columns if c.name not in LEFT_TO_IMPORT)
# relationships.csv is grouped by type, in the order the import format lists the types.
TYPE_ORDER = tuple(schema.RELATIONSHIP_RULES)
# Columns any relationship may have, whatever its type (RelationshipRule.props adds the rest).
COMMON_REL_COLUMNS = frozenset({"type", "from_id", "to_id", "since", "until"})
# The hand-written relationships: seeds/demo-src/<type>.csv holds rows of that type; a file
# with a `type` column (events.csv: ATTENDED and SPOKE_AT) holds several types.
REL_SOURCES = (
    "works_at.csv",
    "member_of.csv",
    "reports_to.csv",
    "knows.csv",
    "influences.csv",
    "role_in.csv",
    "covers.csv",
    "ties_to.csv",
    "events.csv",
    "for.csv",
)


@dataclass
class Region:
    """Everything read or generated, with the indexes the generator and the checks need."""

    src: Sources
    out: Path  # seeds/demo/: the hand-written tables are read from it, the rest written
    orgs: dict[str, Row]
    people: list[Row] = field(default_factory=list[Row])
    hand: list[Row] = field(default_factory=list[Row])  # hand-written relationships
    made: list[Row] = field(default_factory=list[Row])  # generated relationships
    group: dict[str, str] = field(default_factory=dict[str, str])  # person -> current org
    head: dict[str, str] = field(default_factory=dict[str, str])  # group -> head
    light: list[str] = field(default_factory=list[str])  # ids of generated people
    by_id: dict[str, Row] = field(default_factory=dict[str, Row])

    def root(self, org: str) -> str:
        """The top of `org`'s PART_OF chain (a department's hospital)."""
        while self.orgs[org].get("parent_id"):
            org = self.orgs[org]["parent_id"]
        return org

    def side(self, person: str) -> str:
        """The person's side: "government" (the ministry's and the fund's people) or "care"."""
        return "government" if self.root(self.group[person]) in self.src.government else "care"

    def person(self, pid: str) -> Row:
        """The people.csv row of `pid`."""
        if pid not in self.by_id:
            self.by_id = {p["id"]: p for p in self.people}
        return self.by_id[pid]

    def rows(self, rel_type: str) -> list[Row]:
        """The relationships of one type, hand-written first."""
        return [r for r in self.hand + self.made if r["type"] == rel_type]

    def table(self, name: str) -> list[Row]:
        """A hand-written table of seeds/demo/ (users.csv, tenders.csv, ...)."""
        return read_csv(self.out / f"{name}.csv")


def ascii_slug(text: str) -> str:
    """`text` in lower-case ASCII letters and digits, with '-' for anything else."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "-" for c in plain.lower()).strip("-")


def fraction(rng: random.Random, low: float, high: float) -> str:
    """A strength between low and high in steps of 0.05, as text."""
    steps = round((high - low) / 0.05)
    return f"{low + 0.05 * rng.randint(0, steps):.2f}".rstrip("0").rstrip(".")


def load(region: Region, src_folder: Path) -> None:
    """Read the key people and the hand-written relationships, and index who works where."""
    region.people = [
        {**row, "region": region.src.region} for row in read_csv(src_folder / "key_people.csv")
    ]
    for name in REL_SOURCES:
        rel_type = name.removesuffix(".csv").upper()
        for row in read_csv(src_folder / name):
            region.hand.append(row if "type" in row else {"type": rel_type, **row})
    for row in region.rows("WORKS_AT"):
        if row["is_current"] == "true":
            region.group[row["from_id"]] = row["to_id"]
    for row in region.people:
        if region.group.get(row["id"]) in region.src.competitors:
            row["region"] = ""  # competitors' staff work nationally
    for group in region.src.groups.values():
        if group.head:
            region.head[group.id] = group.head


# --- ordinary staff ---


def birthday(rng: random.Random, young: bool) -> str:
    """70% known, a quarter of those without year; never in the planted birthday window."""
    if rng.random() > 0.7:
        return ""
    while True:
        day = date(2001, 1, 1) + timedelta(days=rng.randrange(365))
        if not date(2001, 11, 16) <= day <= date(2001, 12, 14):
            break
    if rng.random() < 0.25:
        return f"--{day:%m-%d}"
    year = rng.randint(1988, 1998) if young else rng.randint(1958, 1987)
    return f"{year}-{day:%m-%d}"


def languages(rng: random.Random, region: Region) -> str:
    """Velmoran; English for most; another language for a quarter."""
    spoken = ["Velmoran"]
    if rng.random() < 0.7:
        spoken.append("English")
    if rng.random() < 0.25:
        spoken.append(rng.choice(region.src.other_languages))
    return "; ".join(spoken)


def contact(rng: random.Random, region: Region, given: str, family: str, group: str) -> Row:
    """An e-mail address for most, a phone number for some, and sometimes a preference."""
    reach = region.src.contacts[region.root(group)]
    email = phone = ""
    if rng.random() < 0.75:
        email = f"{ascii_slug(given)}.{ascii_slug(family)}@{reach.email_domain}"
    if rng.random() < 0.35:
        phone = f"+00 {reach.phone_prefix} {rng.randint(2000, 9999)}"
    channel = rng.choice(region.src.channels) if (email or phone) and rng.random() < 0.5 else ""
    return {"email": email, "phone": phone, "preferred_channel": channel}


def name_pairs(rng: random.Random, region: Region) -> Iterator[tuple[str, str]]:
    """Random names, never a key person's family name and never the same name twice."""
    taken = {p["family_name"] for p in region.people}
    used: set[str] = set()
    while True:
        given = rng.choice(region.src.given_names)
        family = rng.choice(region.src.family_names)
        key = f"{given} {family}"
        if family in taken or key in used:
            continue
        used.add(key)
        yield given, family


def add_person(region: Region, row: Row, group: str, title: str, boss: str | None) -> None:
    """Add a generated person with a current job in `group`, reporting to `boss` or the head.

    The first person of a group without a head becomes its head.
    """
    region.people.append(row)
    region.light.append(row["id"])
    region.group[row["id"]] = group
    region.made.append(
        {
            "type": "WORKS_AT",
            "from_id": row["id"],
            "to_id": group,
            "title": title,
            "department": region.src.groups[group].department,
            "is_current": "true",
        }
    )
    if group not in region.head:
        region.head[group] = row["id"]
        if boss:
            region.made.append({"type": "REPORTS_TO", "from_id": row["id"], "to_id": boss})
    else:
        manager = boss or region.head[group]
        region.made.append({"type": "REPORTS_TO", "from_id": row["id"], "to_id": manager})


def make_staff(rng: random.Random, region: Region) -> None:
    """Fill every group's slots with random people, and place the named staff."""
    names = name_pairs(rng, region)
    named = {(n.group, n.title): n for n in region.src.named}
    for group in region.src.groups.values():
        for slot in group.slots:
            if (group.id, slot.title) in named:
                add_named(rng, region, named[(group.id, slot.title)], slot.boss)
            for _ in range(slot.count):
                given, family = next(names)
                young = slot.title.startswith(("Resident", "Pharmacy Technician"))
                row: Row = {
                    "id": f"p-{ascii_slug(given)}-{ascii_slug(family)}",
                    "given_name": given,
                    "family_name": family,
                    "titles": slot.titles,
                    "specialty": slot.specialty,
                    "languages": languages(rng, region),
                    **contact(rng, region, given, family, group.id),
                    "birthday": birthday(rng, young),
                    "region": region.src.region,
                }
                add_person(region, row, group.id, slot.title, slot.boss)


def add_named(rng: random.Random, region: Region, named: NamedStaff, boss: str | None) -> None:
    """Add a staff member whose name is fixed (in another script); the e-mail uses the id."""
    local = named.id.removeprefix("p-").replace("-", ".", 1)
    row: Row = {
        "id": named.id,
        "given_name": named.given_name,
        "family_name": named.family_name,
        "titles": named.titles,
        "specialty": named.specialty,
        "languages": named.languages,
        "email": f"{local}@{region.src.contacts[region.root(named.group)].email_domain}",
        "birthday": birthday(rng, young=False),
        "region": region.src.region,
    }
    add_person(region, row, named.group, named.title, boss)


def former_jobs(rng: random.Random, region: Region) -> None:
    """A few physicians moved between hospitals: an older WORKS_AT with is_current false."""
    field_of_group = {g.id: g.field for g in region.src.groups.values() if g.field}
    movers = [p for p in region.light if region.person(p)["titles"] == "Dr."]
    movers = [p for p in movers if region.side(p) == "care" and region.group[p] in field_of_group]
    for pid in rng.sample(sorted(movers), 6):
        here = region.group[pid]
        field_ = field_of_group[here]
        elsewhere = sorted(g for g, f in field_of_group.items() if f == field_ and g != here)
        if not elsewhere:
            continue
        old = rng.choice(elsewhere)
        start = rng.randint(2008, 2016)
        title = "Surgeon" if field_ == "surgery" else "Physician"
        region.made.append(
            {
                "type": "WORKS_AT",
                "from_id": pid,
                "to_id": old,
                "title": title,
                "department": region.src.groups[old].department,
                "is_current": "false",
                "since": f"{start}-{rng.choice(('01', '04', '09'))}-01",
                "until": f"{start + rng.randint(2, 6)}-12-31",
            }
        )


# --- KNOWS ---


def pair_key(a: str, b: str) -> tuple[str, str]:
    """The two ids of an undirected pair, in order."""
    return (a, b) if a < b else (b, a)


def knows_row(rng: random.Random, region: Region, a: str, b: str, *, close: bool) -> Row:
    """A KNOWS row: colleagues, friends, co-authors or rivals; a head mentors residents."""
    pa, pb = region.person(a), region.person(b)
    scholars = all(p["titles"] for p in (pa, pb)) and "Nursing" not in (
        pa["specialty"],
        pb["specialty"],
    )
    roll = rng.random()
    if close:
        kind = "colleague"
        if roll < 0.12:
            kind = "friend"
        elif roll < 0.2 and scholars:
            kind = "co_author"
        elif roll < 0.22:
            kind = "rival"
        strength = fraction(rng, 0.2, 0.4) if kind == "rival" else fraction(rng, 0.45, 0.95)
    else:
        kind = "former_colleague" if roll < 0.45 else "colleague"
        if 0.45 <= roll < 0.6 and scholars:
            kind = "co_author"
        elif 0.6 <= roll < 0.75:
            kind = "friend"
        elif roll >= 0.95:
            kind = "rival"
        strength = fraction(rng, 0.2, 0.6)
    head = region.head.get(region.group[a])
    if close and b == head and "Resident" in title_of(region, a):
        a, b, kind = b, a, "mentor"
    elif close and a == head and "Resident" in title_of(region, b):
        kind = "mentor"
    return {"type": "KNOWS", "from_id": a, "to_id": b, "kind": kind, "strength": strength}


def title_of(region: Region, pid: str) -> str:
    """The title of `pid`'s current job, or ""."""
    return next(
        (
            r["title"]
            for r in region.rows("WORKS_AT")
            if r["from_id"] == pid and r["is_current"] == "true"
        ),
        "",
    )


def make_knows(rng: random.Random, region: Region) -> None:
    """KNOWS ties between everyone not yet tied, drawn with `knows_chance`."""
    seen = {pair_key(r["from_id"], r["to_id"]) for r in region.rows("KNOWS")}
    members: dict[str, list[str]] = defaultdict(list)
    for pid in sorted(region.group):
        if region.group[pid] not in region.src.competitors:
            members[region.group[pid]].append(pid)
    everyone = sorted(p for ps in members.values() for p in ps)
    for a, b in combinations(everyone, 2):
        chance, close = knows_chance(region, a, b)
        if (a, b) in seen or rng.random() >= chance:
            continue
        seen.add((a, b))
        region.made.append(knows_row(rng, region, a, b, close=close))


def knows_chance(region: Region, a: str, b: str) -> tuple[float, bool]:
    """How likely two people know each other, and whether they are close colleagues."""
    ga, gb = region.group[a], region.group[b]
    ra, rb = region.root(ga), region.root(gb)
    society = region.src.society
    if region.side(a) != region.side(b):
        chance, close = 0.0, False  # only the hand-written bridges cross
    elif ga == gb:
        chance, close = 0.75, True  # a department or office: a dense clique
    elif region.src.hand_tied & {ra, rb}:
        chance, close = 0.0, False  # e.g. the GP practice: its ties are all hand-written
    elif society in (ga, gb):
        members = {r["from_id"] for r in region.rows("MEMBER_OF") if r["to_id"] == society}
        chance, close = (0.8 if {a, b} & members else 0.0), False  # the society's office
    elif ra == rb:
        senior = a not in region.light and b not in region.light
        chance, close = (0.6 if senior else 0.05), True
    elif region.side(a) == "government":
        chance, close = 0.2, False
    else:
        chance, close = cross_org_chance(region, a, b, {ra, rb}), False
    return chance, close


def cross_org_chance(region: Region, a: str, b: str, roots: set[str]) -> float:
    """Ties between hospitals and the trade: same specialty, or pharmacy and purchasing."""
    fa, fb = field_of(region, a), field_of(region, b)
    if fa and fa == fb and fa != "nursing":
        return 0.06
    if fa and fb and {fa, fb} <= {"pharmacy", "procurement"}:
        return 0.12
    return 0.12 if roots <= region.src.trade else 0.0


def field_of(region: Region, pid: str) -> str:
    """The specialty family of `pid` ("cardio", "nursing", ...), or ""."""
    return region.src.fields.get(region.person(pid)["specialty"], "")


# --- memberships, congresses, the KAMs' small contacts ---


def make_memberships(rng: random.Random, region: Region) -> None:
    """About a third of the generated cardiologists and internists join the society."""
    for pid in region.light:
        person = region.person(pid)
        if (
            person["titles"] == "Dr."
            and field_of(region, pid) in ("cardio", "internal")
            and rng.random() < 0.3
        ):
            region.made.append(
                {
                    "type": "MEMBER_OF",
                    "from_id": pid,
                    "to_id": region.src.society,
                    "role": "member",
                    "since": f"{rng.randint(2008, 2025)}-01-01",
                }
            )


def make_attendance(rng: random.Random, region: Region) -> None:
    """Generated staff of each congress's fields attend it (nurses do not)."""
    present = {(r["from_id"], r["to_id"]) for r in region.rows("ATTENDED")}
    present |= {(r["from_id"], r["to_id"]) for r in region.rows("SPOKE_AT")}
    for congress in region.src.attendance:
        for pid in region.light:
            if field_of(region, pid) not in congress.fields or (pid, congress.event) in present:
                continue
            if region.person(pid)["specialty"] == "Nursing" or rng.random() >= congress.chance:
                continue
            region.made.append({"type": "ATTENDED", "from_id": pid, "to_id": congress.event})


def make_light_coverage(rng: random.Random, region: Region) -> None:
    """Each KAM covers a few generated staff of their accounts, mostly at stage contact."""
    for covers in region.src.staff_covers:
        pool = sorted(p for p in region.light if region.group[p] in covers.groups)
        for pid in rng.sample(pool, covers.count):
            stage = "acquaintance" if rng.random() < 0.3 else "contact"
            since = date(2020, 1, 1) + timedelta(days=rng.randrange(6 * 365))
            region.made.append(
                {
                    "type": "COVERS",
                    "from_id": covers.user,
                    "to_id": pid,
                    "stage": stage,
                    "since": since.isoformat(),
                }
            )


def build(seeds: Path) -> Region:
    """Read seeds/demo-src/ and seeds/demo/, and generate the ordinary staff and their ties."""
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    src_folder, out = seeds / "demo-src", seeds / "demo"
    region = Region(
        src=read_sources(src_folder),
        out=out,
        orgs={o["id"]: o for o in read_csv(out / "organizations.csv")},
    )
    load(region, src_folder)
    add_segments(region, src_folder)
    make_staff(rng, region)
    former_jobs(rng, region)
    make_memberships(rng, region)
    make_knows(rng, region)
    make_attendance(rng, region)
    make_light_coverage(rng, region)
    add_duplicates(region, src_folder)
    return region


SEGMENT_COLUMNS = ("segments", "kol_tier", "kol_reach", "contact_every_days")


# Slice merge: a person entered twice (demo-src/duplicates.csv, her ties in
# duplicates_ties.csv), for the duplicates list and the merge page to show.
def add_duplicates(region: Region, src_folder: Path) -> None:
    """The demo's planted duplicates: key people entered a second time, with their ties."""
    for row in read_csv(src_folder / "duplicates.csv"):
        region.people.append(
            {**row, "region": region.src.region, **dict.fromkeys(SEGMENT_COLUMNS, "")}
        )
    for row in read_csv(src_folder / "duplicates_ties.csv"):
        rule = schema.RELATIONSHIP_RULES[row["type"]]
        keep = COMMON_REL_COLUMNS | set(rule.props)
        region.hand.append({k: v for k, v in row.items() if k in keep})
        if row["type"] == "WORKS_AT" and row["is_current"] == "true":
            region.group[row["from_id"]] = row["to_id"]


def add_segments(region: Region, src_folder: Path) -> None:
    """The key people's stakeholder segments, KOL tier and reach, and contact boundaries
    (demo-src/segments.csv, by id; people it does not list have none)."""
    rows = read_table(src_folder / "segments.csv", ("id", *SEGMENT_COLUMNS))
    by_id = {row["id"]: row for row in rows}
    unknown = set(by_id) - {p["id"] for p in region.people}
    if unknown:
        msg = f"segments.csv: no key person {', '.join(sorted(unknown))}"
        raise SourceError(msg)
    for person in region.people:
        found = by_id.get(person["id"], {})
        person.update({column: found.get(column, "") for column in SEGMENT_COLUMNS})


# --- output ---


def people_csv(region: Region) -> str:
    """The text of people.csv: key people first, then the generated staff."""
    return to_csv(PEOPLE_COLUMNS, region.people)


def relationships_csv(region: Region) -> str:
    """The text of relationships.csv: grouped by type, hand-written rows first."""
    rows = [r for t in TYPE_ORDER for r in region.hand + region.made if r["type"] == t]
    return to_csv(REL_COLUMNS, rows)


def to_csv(columns: tuple[str, ...], rows: list[Row]) -> str:
    """CSV text with `columns` as header; a row with any other column is an error."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        unknown = set(row) - set(columns)
        if unknown:
            msg = f"unknown columns {sorted(unknown)} in {row}"
            raise SourceError(msg)
        writer.writerow(row)
    return buffer.getvalue()


# --- checks: ids and references, and the planted structures ---


class Problems(list[str]):
    """What is wrong with the region, one sentence each."""

    def need(self, ok: bool, message: str) -> None:
        """Note `message` unless `ok`."""
        if not ok:
            self.append(message)


def check(region: Region) -> Problems:
    """Every check: ids, references, the bridges, the hidden influencers, current jobs."""
    problems = Problems()
    check_ids(region, problems)
    check_bridges(region, problems)
    check_hidden(region, problems)
    for pid in (p["id"] for p in region.people):
        problems.need(pid in region.group, f"{pid} has no current WORKS_AT")
    return problems


def check_ids(region: Region, problems: Problems) -> None:
    """Ids are unique, relationships join rows of the tables their type allows, have only
    that type's properties, are not repeated, and KNOWS has one row per pair."""
    people = [p["id"] for p in region.people]
    problems.need(len(set(people)) == len(people), "duplicate person ids")
    ids = {"people": set(people), "organizations": set(region.orgs)}
    for name in ("users", "tenders", "products", "events"):
        ids[name] = {r["id"] for r in region.table(name)}
    keys: set[tuple[str, str, str]] = set()
    pairs: set[tuple[str, str]] = set()
    for row in region.hand + region.made:
        key = (row["type"], row["from_id"], row["to_id"])
        problems.need(key not in keys, f"duplicate relationship {key}")
        keys.add(key)
        rule = schema.RELATIONSHIP_RULES.get(row["type"])
        if rule is None:
            problems.append(f"unknown relationship type in {key}")
            continue
        for end, table in ((row["from_id"], rule.from_table), (row["to_id"], rule.to_table)):
            problems.need(end in ids[table], f"unknown id {end!r} in {key}")
        extra = {k for k, v in row.items() if v} - COMMON_REL_COLUMNS - set(rule.props)
        problems.need(not extra, f"{key} has columns of another type: {sorted(extra)}")
        if row["type"] == "KNOWS":
            pair = pair_key(row["from_id"], row["to_id"])
            problems.need(pair not in pairs, f"KNOWS both ways: {pair}")
            pairs.add(pair)


def check_bridges(region: Region, problems: Problems) -> None:
    """Every KNOWS/INFLUENCES tie between government and care touches a bridge."""
    bridges = set(region.src.bridges)
    crossing: dict[str, int] = defaultdict(int)
    for row in region.rows("KNOWS") + region.rows("INFLUENCES"):
        a, b = row["from_id"], row["to_id"]
        if region.side(a) == region.side(b):
            continue
        problems.need(bool({a, b} & bridges), f"tie {a} - {b} crosses without a bridge")
        for end in {a, b} & bridges:
            crossing[end] += 1
    for bridge in region.src.bridges:
        problems.need(crossing[bridge] > 0, f"bridge {bridge} crosses nothing")


def check_hidden(region: Region, problems: Problems) -> None:
    """Each hidden influencer has no tender role, and influences at least 4 people strongly
    (weight 0.7-0.9) who between them sit in the DMUs of at least 2 tenders."""
    dmu: dict[str, set[str]] = defaultdict(set)
    for row in region.rows("ROLE_IN"):
        dmu[row["from_id"]].add(row["to_id"])
    for pid in region.src.hidden_influencers:
        problems.need(pid not in dmu, f"hidden influencer {pid} has a tender role")
        out = [r for r in region.rows("INFLUENCES") if r["from_id"] == pid]
        strong = [r for r in out if 0.7 <= float(r["weight"]) <= 0.9]
        tenders = set[str]().union(*(dmu[r["to_id"]] for r in strong))
        problems.need(len(strong) >= 4, f"{pid} influences fewer than 4 people strongly")
        problems.need(len(tenders) >= 2, f"{pid} reaches fewer than 2 tenders")


# --- facts for seeds/README.md ---


def facts(region: Region) -> list[str]:
    """The tables of seeds/README.md, computed: DMU coverage per tender, each user's load,
    the birthdays in the window and the unconfirmed proposals."""
    interactions = region.table("interactions")
    last: dict[str, date] = {}
    for row in interactions:
        day = date.fromisoformat(row["date"])
        for pid in row["participant_ids"].split("; "):
            if day <= ANCHOR and (pid not in last or day > last[pid]):
                last[pid] = day
    covers: dict[str, list[str]] = defaultdict(list)
    for row in region.rows("COVERS"):
        covers[row["to_id"]].append(f"{row['from_id']}:{row['stage']}")
    lines = ["## DMU coverage per tender (anchor " + ANCHOR.isoformat() + ")"]
    for tender in region.table("tenders"):
        lines.append(f"{tender['id']} ({tender['status']})")
        for row in (r for r in region.rows("ROLE_IN") if r["to_id"] == tender["id"]):
            pid = row["from_id"]
            seen = last.get(pid)
            state = coverage_state(covers[pid], seen)
            lines.append(f"  {pid:<22} {row['role']:<15} {row['stance']:<10} {state}")
    lines += kam_load(covers, last)
    lines += birthdays(region, covers)
    lines += proposals(interactions)
    return lines


def coverage_state(covered_by: list[str], seen: date | None) -> str:
    """How a DMU member is covered ("user:stage" entries) and when they were last met."""
    if not covered_by:
        return "UNCOVERED"
    parts = [f"covered by {', '.join(sorted(covered_by))}"]
    if len(covered_by) == 1:
        parts.append("SINGLE-THREADED")
    if all(c.endswith(":contact") for c in covered_by):
        parts.append("BELOW-ACQUAINTANCE")
    if seen is None or (ANCHOR - seen).days > STALE_DAYS:
        parts.append(f"STALE (last {seen})")
    else:
        parts.append(f"last {seen}")
    return "; ".join(parts)


def kam_load(covers: dict[str, list[str]], last: dict[str, date]) -> list[str]:
    """How many people each user covers, and how many of them were not met in 90 days."""
    load_: dict[str, list[str]] = defaultdict(list)
    for pid, users in covers.items():
        for entry in users:
            load_[entry.split(":")[0]].append(pid)
    lines = ["## People covered per user (never met in the last 90 days)"]
    for user in sorted(load_, key=lambda u: -len(load_[u])):
        cold = [p for p in load_[user] if p not in last or (ANCHOR - last[p]).days > 90]
        lines.append(f"  {user:<13} {len(load_[user]):>3} ({len(cold)})")
    return lines


def birthdays(region: Region, covers: dict[str, list[str]]) -> list[str]:
    """The birthdays in the days after the anchor, with who covers each person."""
    lines = [f"## Birthdays in the {BIRTHDAY_WINDOW_DAYS} days after {ANCHOR}"]
    window = {
        (ANCHOR + timedelta(days=n)).strftime("%m-%d") for n in range(1, BIRTHDAY_WINDOW_DAYS + 1)
    }
    for person in region.people:
        if person["birthday"] and person["birthday"][-5:] in window:
            who = ", ".join(sorted(covers[person["id"]])) or "NOT COVERED"
            lines.append(f"  {person['id']:<22} {person['birthday']:<11} {who}")
    return lines


def proposals(interactions: list[Row]) -> list[str]:
    """The proposals sent and not confirmed, with their age at the anchor."""
    lines = ["## Proposals not confirmed (done=false)"]
    for row in interactions:
        if row["kind"] == "proposal" and row["done"] == "false":
            age = (ANCHOR - date.fromisoformat(row["date"])).days
            lines.append(
                f"  {row['id']} {row['date']} ({age} days) {row['user_id']} -> "
                f"{row['participant_ids']}"
            )
    return lines


def main(argv: list[str] | None = None, seeds: Path | None = None) -> int:
    """Build the region from `seeds` (default: the seeds/ folder), check it, then write
    people.csv and relationships.csv, or compare them (--check), or print the facts."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--facts", action="store_true", help="print the planted facts")
    args = parser.parse_args(argv)
    seeds = seeds or resource_dir("seeds")
    try:
        region = build(seeds)
        outputs = {"people.csv": people_csv(region), "relationships.csv": relationships_csv(region)}
    except SourceError as error:
        print(f"problem: {error}", file=sys.stderr)
        return 1
    problems = check(region)
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    if problems:
        return 1
    if args.check:
        stale = [n for n, text in outputs.items() if (region.out / n).read_text("utf-8") != text]
        for name in stale:
            print(f"seeds/demo/{name} is out of date; run seeds/make_demo.py", file=sys.stderr)
        return 1 if stale else 0
    if args.facts:
        print("\n".join(facts(region)))
        return 0
    for name, text in outputs.items():
        (region.out / name).write_text(text, encoding="utf-8")
    counts: dict[str, int] = defaultdict(int)
    for row in region.hand + region.made:
        counts[row["type"]] += 1
    print(
        f"{len(region.people)} people, {sum(counts.values())} relationships: "
        + ", ".join(f"{t} {counts[t]}" for t in TYPE_ORDER if counts[t])
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
