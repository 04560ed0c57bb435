"""Build the demo region's people.csv and relationships.csv from hand-written parts.

    .venv/bin/python seeds/make_demo.py           # write seeds/demo/{people,relationships}.csv
    .venv/bin/python seeds/make_demo.py --check   # exit 1 if the committed files differ
    .venv/bin/python seeds/make_demo.py --facts   # print the planted facts (see seeds/README.md)

Hand-written and reviewed: every other file in seeds/demo/, and seeds/demo-src/ (the key
people with full dossiers, and every relationship that matters for a story: tender roles,
influence, coverage, bridges, hidden influencers). Generated here, with a fixed seed: the
ordinary staff of each department and office (names, specialty, job, boss), their
KNOWS ties (dense inside a department, sparse across hospitals), society memberships,
congress attendance and the small contacts of the KAMs. Only the standard library is used.
The script also checks the planted structures and stops if an edit broke one.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

SEED = 20261123
ANCHOR = date(2026, 11, 23)  # "today" of the demo; every date is relative to it
STALE_DAYS = 90
BIRTHDAY_WINDOW_DAYS = 14
REGION = "Velmora Region"

HERE = Path(__file__).resolve().parent
SRC = HERE / "demo-src"
OUT = HERE / "demo"

PEOPLE_COLUMNS = (
    "id",
    "given_name",
    "family_name",
    "titles",
    "specialty",
    "languages",
    "email",
    "phone",
    "preferred_channel",
    "birthday",
    "hobbies",
    "family",
    "values",
    "dmu_type",
    "communication",
    "notes",
    "region",
)
REL_COLUMNS = (
    "type",
    "from_id",
    "to_id",
    "title",
    "department",
    "is_current",
    "role",
    "kind",
    "strength",
    "weight",
    "topic",
    "evidence",
    "stance",
    "stance_evidence",
    "stage",
    "lot",
    "since",
    "until",
)
TYPE_ORDER = (
    "WORKS_AT",
    "MEMBER_OF",
    "REPORTS_TO",
    "KNOWS",
    "INFLUENCES",
    "ROLE_IN",
    "COVERS",
    "TIES_TO",
    "ATTENDED",
    "SPOKE_AT",
    "FOR",
)
# Hand-written relationship files: file name -> type (None: the file has a type column).
SOURCES = {
    "works_at.csv": "WORKS_AT",
    "member_of.csv": "MEMBER_OF",
    "reports_to.csv": "REPORTS_TO",
    "knows.csv": "KNOWS",
    "influences.csv": "INFLUENCES",
    "role_in.csv": "ROLE_IN",
    "covers.csv": "COVERS",
    "ties_to.csv": "TIES_TO",
    "events.csv": None,
    "for.csv": "FOR",
}

# --- the planted structures (documented in seeds/README.md) ---

HIDDEN_INFLUENCERS = ("p-johanna-berk", "p-mirela-dascu", "p-albrecht-quist")
BRIDGES = ("p-elias-nordin", "p-helena-strand", "p-oskar-brandt")
GOVERNMENT = ("org-ministry", "org-insurance")  # roots of the ministry/commission cluster
COMPETITOR_STAFF_ORGS = ("org-comp-rivalis", "org-comp-corvane", "org-comp-helixor")

# --- ordinary staff: group -> (department label, head or None, slots) ---
# A slot is (count, job title, specialty, person titles, boss or None for the group's head).
# With head None, the group's first generated person is its head.

Slot = tuple[int, str, str, str, str | None]

# fmt: off
STAFF: dict[str, tuple[str, str | None, list[Slot]]] = {
    "org-ministry": ("Ministry", None, [
        (1, "Head of Public Health", "Public health", "Dr.", "p-helena-strand"),
        (2, "Policy Officer, Pharmaceutical Policy", "Pharmaceutical policy", "",
         "p-oskar-brandt"),
        (3, "Budget Analyst", "Public finance", "", "p-ilse-raker"),
        (1, "Legal Counsel", "Health law", "", "p-viktor-amsel"),
        (1, "Press Officer", "Communications", "", "p-viktor-amsel"),
        (1, "Head of Hospital Planning", "Health planning", "Dr.", "p-helena-strand"),
        (1, "Hospital Planning Officer", "Health planning", "", "p-helena-strand"),
        (1, "IT Coordinator", "Health informatics", "", "p-viktor-amsel"),
    ]),
    "org-tcomm": ("Tender Commission", "p-anton-meyr", [
        (2, "Procurement Specialist", "Public procurement", "", None),
        (1, "Commission Assistant", "Administration", "", "p-dorota-wilk"),
    ]),
    "org-insurance": ("Insurance Fund", "p-greta-holm", [
        (2, "Reimbursement Analyst", "Health economics", "", "p-fabian-kroll"),
        (2, "Medical Controller", "Medical controlling", "Dr.", "p-agata-sorel"),
        (1, "Head of Contracting", "Contracting", "", None),
        (2, "Data Analyst", "Data analysis", "", "p-fabian-kroll"),
    ]),
    "org-h-aurel": ("Hospital management", "p-konrad-vallen", [
        (1, "Deputy Medical Director", "Internal medicine", "Dr.", "p-marta-ilves"),
        (1, "Quality Manager", "Quality management", "", "p-marta-ilves"),
        (1, "Controller", "Finance", "", "p-gerd-hollis"),
        (2, "Procurement Officer", "Procurement", "", "p-sanne-ruud"),
    ]),
    "org-aurel-card": ("Cardiology", "p-ada-rowan", [
        (5, "Senior Cardiologist", "Cardiology", "Dr.", None),
        (4, "Resident in Cardiology", "Cardiology", "Dr.", None),
        (3, "Cardiology Nurse", "Nursing", "", "p-johanna-berk"),
    ]),
    "org-aurel-onc": ("Oncology", "p-lucian-moreau", [
        (4, "Senior Oncologist", "Medical oncology", "Dr.", None),
        (3, "Resident in Oncology", "Medical oncology", "Dr.", None),
        (2, "Oncology Nurse", "Nursing", "", None),
    ]),
    "org-aurel-icu": ("Anaesthesiology and Intensive Care", "p-nikos-antoniou", [
        (4, "Senior Intensivist", "Anaesthesiology and intensive care", "Dr.", None),
        (3, "Resident in Anaesthesiology", "Anaesthesiology", "Dr.", None),
        (4, "ICU Nurse", "Nursing", "", None),
    ]),
    "org-aurel-int": ("Internal Medicine", "p-irena-sokol", [
        (5, "Senior Physician, Internal Medicine", "Internal medicine", "Dr.", None),
        (4, "Resident in Internal Medicine", "Internal medicine", "Dr.", None),
        (3, "Ward Nurse, Internal Medicine", "Nursing", "", "p-johanna-berk"),
    ]),
    "org-aurel-surg": ("General Surgery", "p-bruno-castell", [
        (5, "Senior Surgeon", "General surgery", "Dr.", None),
        (3, "Resident in Surgery", "General surgery", "Dr.", None),
        (2, "Surgical Nurse", "Nursing", "", None),
    ]),
    "org-aurel-pharm": ("Hospital Pharmacy", "p-elias-nordin", [
        (3, "Hospital Pharmacist", "Hospital pharmacy", "PharmD", None),
        (2, "Pharmacy Technician", "Pharmacy", "", None),
    ]),
    "org-h-ostrant": ("Hospital management", "p-ruben-sahl", [
        (1, "Quality Manager", "Quality management", "", "p-klara-veen"),
        (1, "Procurement Officer", "Procurement", "", "p-tereza-novak"),
        (1, "Controller", "Finance", "", "p-matthias-orlov"),
    ]),
    "org-ostr-card": ("Cardiology", "p-stefan-aalto", [
        (4, "Senior Cardiologist", "Cardiology", "Dr.", None),
        (3, "Resident in Cardiology", "Cardiology", "Dr.", None),
        (2, "Cardiology Nurse", "Nursing", "", "p-ilka-moor"),
    ]),
    "org-ostr-onc": ("Haematology and Oncology", "p-noemi-baros", [
        (4, "Haematologist-Oncologist", "Haematology and oncology", "Dr.", None),
        (2, "Resident in Haematology", "Haematology and oncology", "Dr.", None),
        (2, "Oncology Nurse", "Nursing", "", "p-ilka-moor"),
    ]),
    "org-ostr-icu": ("Intensive Care", "p-henrik-dahl", [
        (3, "Senior Intensivist", "Intensive care", "Dr.", None),
        (2, "Resident in Intensive Care", "Intensive care", "Dr.", None),
        (2, "ICU Nurse", "Nursing", "", "p-ilka-moor"),
    ]),
    "org-ostr-int": ("Internal Medicine", None, [
        (1, "Head of Internal Medicine", "Internal medicine", "Dr.", "p-klara-veen"),
        (5, "Physician, Internal Medicine", "Internal medicine", "Dr.", None),
        (2, "Resident in Internal Medicine", "Internal medicine", "Dr.", None),
        (2, "Ward Nurse", "Nursing", "", "p-ilka-moor"),
    ]),
    "org-ostr-pharm": ("Hospital Pharmacy", "p-mariya-kovaleva", [
        (2, "Hospital Pharmacist", "Hospital pharmacy", "PharmD", None),
        (1, "Pharmacy Technician", "Pharmacy", "", None),
    ]),
    "org-h-caldris": ("Hospital management", "p-pavel-hruby", [
        (1, "Quality and Nursing Manager", "Nursing management", "", "p-lotte-brandt"),
        (1, "Procurement Officer", "Procurement", "", "p-annika-wiese"),
    ]),
    "org-cald-int": ("Internal Medicine", "p-carla-fenwick", [
        (4, "Physician, Internal Medicine", "Internal medicine", "Dr.", None),
        (2, "Resident in Internal Medicine", "Internal medicine", "Dr.", None),
        (2, "Diabetes Nurse", "Nursing", "", None),
    ]),
    "org-cald-surg": ("Surgery", "p-milan-zeller", [
        (4, "Surgeon", "General surgery", "Dr.", None),
        (1, "Resident in Surgery", "General surgery", "Dr.", None),
        (2, "Surgical Nurse", "Nursing", "", None),
    ]),
    "org-cald-icu": ("Intensive Care", "p-eleni-mavridou", [
        (2, "Intensivist", "Intensive care", "Dr.", None),
        (1, "Resident in Intensive Care", "Intensive care", "Dr.", None),
        (2, "ICU Nurse", "Nursing", "", None),
    ]),
    "org-cald-pharm": ("Hospital Pharmacy", "p-tobias-renn", [
        (2, "Hospital Pharmacist", "Hospital pharmacy", "PharmD", None),
        (1, "Pharmacy Technician", "Pharmacy", "", None),
    ]),
    "org-h-brennick": ("Hospital management", "p-ottilie-brask", [
        (1, "Head Nurse", "Nursing", "", None),
    ]),
    "org-bren-int": ("Internal Medicine", "p-samuel-keane", [
        (3, "Physician, Internal Medicine", "Internal medicine", "Dr.", None),
        (2, "Resident in Internal Medicine", "Internal medicine", "Dr.", None),
        (2, "Ward Nurse", "Nursing", "", None),
    ]),
    "org-bren-surg": ("Surgery", None, [
        (1, "Head of Surgery", "General surgery", "Dr.", "p-ottilie-brask"),
        (2, "Surgeon", "General surgery", "Dr.", None),
        (2, "Surgical Nurse", "Nursing", "", None),
    ]),
    "org-bren-pharm": ("Hospital Pharmacy", "p-rosa-ventura", [
        (1, "Pharmacy Technician", "Pharmacy", "", None),
    ]),
    "org-gp-oldtown": ("General practice", None, [
        (1, "Practice Lead, General Practitioner", "General practice", "Dr.", None),
        (1, "Practice Nurse", "Nursing", "", None),
    ]),
    "org-purch": ("Purchasing Centre", "p-dieter-lang", [
        (2, "Buyer, Pharmaceuticals", "Pharmaceutical purchasing", "", "p-sabine-roth"),
        (1, "Buyer, Medical Devices", "Purchasing", "", None),
        (1, "Logistics Coordinator", "Logistics", "", "p-lukas-tesar"),
        (1, "Accountant", "Finance", "", "p-ana-ferro"),
    ]),
    "org-dist-meridian": ("Meridian", "p-carsten-hale", [
        (2, "Account Manager", "Pharmaceutical distribution", "", None),
        (1, "Tender Specialist", "Tender management", "", "p-yara-lenz"),
        (1, "Logistics Manager", "Logistics", "", None),
    ]),
    "org-dist-talvo": ("Talvo", "p-emil-sander", [
        (2, "Sales Manager", "Pharmaceutical distribution", "", None),
        (1, "Logistics Manager", "Logistics", "", None),
        (1, "Account Manager", "Pharmaceutical distribution", "", None),
    ]),
    "org-pharm-lumen": ("Lumen", "p-nora-quint", [
        (2, "Category Manager", "Retail pharmacy", "PharmD", None),
        (2, "Pharmacy Manager", "Retail pharmacy", "PharmD", None),
        (2, "Buyer", "Purchasing", "", "p-felix-arden"),
    ]),
    "org-society": ("Society office", "p-ada-rowan", [
        (1, "Executive Secretary", "Association management", "", None),
    ]),
}

# Staff with names in other scripts (search must find them), placed in fixed slots:
# (group, given, family, id, title, specialty, titles, languages).
FIXED_STAFF = (
    ("org-aurel-onc", "นภา", "แสงทอง", "p-napha-saengthong", "Oncology Nurse", "Nursing", "",
     "Thai; English; Velmoran"),
    ("org-ostr-icu", "Дмитрий", "Рябов", "p-dmitri-ryabov", "Senior Intensivist",
     "Intensive care", "Dr.", "Russian; Velmoran; English"),
    ("org-cald-int", "Γεώργιος", "Καραλής", "p-georgios-karalis",
     "Physician, Internal Medicine", "Internal medicine", "Dr.", "Greek; Velmoran; English"),
    ("org-ministry", "Анна", "Белова", "p-anna-belova", "Policy Officer, Public Health",
     "Public health", "", "Bulgarian; Velmoran; English"),
)
# fmt: on

GIVEN = (
    "Aino",
    "Alba",
    "Alma",
    "Anders",
    "Andrea",
    "Anja",
    "Arne",
    "Astrid",
    "Aurelio",
    "Benedek",
    "Bettina",
    "Birgit",
    "Björn",
    "Caspar",
    "Cécile",
    "Chiara",
    "Clemens",
    "Dagny",
    "Damian",
    "Daria",
    "Edvard",
    "Elin",
    "Elio",
    "Emilia",
    "Enzo",
    "Erik",
    "Esme",
    "Fabio",
    "Frida",
    "Gaspard",
    "Gisela",
    "Hanne",
    "Hugo",
    "Ida",
    "Ilona",
    "Isak",
    "Ivo",
    "Jakob",
    "Jana",
    "Joris",
    "Juno",
    "Kasper",
    "Kaisa",
    "Lars",
    "Laura",
    "Leon",
    "Lina",
    "Livia",
    "Luca",
    "Magda",
    "Malin",
    "Margit",
    "Matteo",
    "Milo",
    "Mira",
    "Nils",
    "Nina",
    "Oda",
    "Olaf",
    "Olga",
    "Orla",
    "Pablo",
    "Paula",
    "Petra",
    "Pia",
    "Quentin",
    "Rafael",
    "Rasmus",
    "Rina",
    "Roman",
    "Saga",
    "Selma",
    "Silvio",
    "Siri",
    "Stellan",
    "Tamás",
    "Teodor",
    "Thea",
    "Timo",
    "Tove",
    "Ulla",
    "Valter",
    "Vilma",
    "Wanda",
    "Yannick",
    "Zofia",
    "Zsófia",
    "Agnes",
    "Bruno",
    "Henrike",
    "Jarno",
    "Linnea",
    "Mateusz",
    "Noor",
    "Oskari",
    "Regina",
    "Sander",
    "Vesna",
)
FAMILY = (
    "Achterberg",
    "Albescu",
    "Amberg",
    "Andrin",
    "Arvola",
    "Asker",
    "Baldane",
    "Barnholt",
    "Beccari",
    "Belmonte",
    "Bergvall",
    "Bexley",
    "Birkeland",
    "Blaskó",
    "Bodin",
    "Brasseur",
    "Brodan",
    "Calloway",
    "Carvel",
    "Castellan",
    "Cazzola",
    "Čermák",
    "Corvin",
    "Dalberg",
    "Darnell",
    "Decastri",
    "Delorme",
    "Dervaux",
    "Dobrev",
    "Dunmore",
    "Eckhart",
    "Elfving",
    "Emsley",
    "Ervasti",
    "Falconer",
    "Farkas",
    "Fenner",
    "Ferrante",
    "Fialka",
    "Forsell",
    "Galvano",
    "Garrow",
    "Gerlach",
    "Gisborne",
    "Gradin",
    "Greaves",
    "Hallberg",
    "Halloway",
    "Hartel",
    "Havlík",
    "Hedlund",
    "Holberg",
    "Horvat",
    "Imrie",
    "Isaksen",
    "Jablonski",
    "Jansma",
    "Jarvik",
    "Jelínek",
    "Kaarna",
    "Kallio",
    "Karsten",
    "Kemppi",
    "Kessler",
    "Kilbride",
    "Kovač",
    "Krainer",
    "Lacroix",
    "Landvik",
    "Larkin",
    "Lavigne",
    "Leclair",
    "Lehtola",
    "Lindell",
    "Lorca",
    "Lundahl",
    "Maddox",
    "Malmberg",
    "Marchal",
    "Markovin",
    "Mattila",
    "Meyrink",
    "Mikkola",
    "Moravec",
    "Morland",
    "Nesbit",
    "Nieminen",
    "Nørgaard",
    "Novotný",
    "Oakes",
    "Olander",
    "Orsini",
    "Ottesen",
    "Paavola",
    "Palmieri",
    "Pasek",
    "Pellinen",
    "Perrault",
    "Petrík",
    "Pintér",
    "Quellhorst",
    "Radford",
    "Rainer",
    "Ravello",
    "Redgrave",
    "Reinholt",
    "Rinaldi",
    "Rostand",
    "Rusk",
    "Saarinen",
    "Salvi",
    "Sandell",
    "Sarkis",
    "Scholten",
    "Selin",
    "Ševčík",
    "Sørensen",
    "Strom",
    "Szabó",
    "Tamminen",
    "Tarrant",
    "Tellier",
    "Thorsen",
    "Tiberi",
    "Toivonen",
    "Trask",
    "Uhlig",
    "Valdez",
    "Vaněk",
    "Varga",
    "Vasaro",
    "Verhoef",
    "Vidal",
    "Wahlberg",
    "Walden",
    "Wendt",
    "Westra",
    "Wicklund",
    "Winther",
    "Wolters",
    "Yates",
    "Zamora",
    "Zander",
    "Zelenka",
    "Zorić",
)
OTHER_LANGUAGES = (
    "German",
    "French",
    "Italian",
    "Swedish",
    "Polish",
    "Czech",
    "Hungarian",
    "Finnish",
    "Dutch",
    "Spanish",
    "Portuguese",
    "Danish",
)
CHANNELS = ("email", "phone", "in person")
DOMAINS = {
    "org-ministry": "health.velmora.example",
    "org-insurance": "vhif.example",
    "org-h-aurel": "staurel-hospital.example",
    "org-h-ostrant": "ostrant-hospital.example",
    "org-h-caldris": "caldris-hospital.example",
    "org-h-brennick": "brennick-hospital.example",
    "org-gp-oldtown": "oldtown-health.example",
    "org-purch": "vrpc.example",
    "org-dist-meridian": "meridian-logistics.example",
    "org-dist-talvo": "talvo.example",
    "org-pharm-lumen": "lumen-pharmacies.example",
    "org-society": "vscim.example",
}
PHONE_PREFIX = {
    "org-ministry": "21 400",
    "org-insurance": "21 450",
    "org-h-aurel": "21 300",
    "org-h-ostrant": "23 300",
    "org-h-caldris": "25 300",
    "org-h-brennick": "27 300",
    "org-gp-oldtown": "21 600",
    "org-purch": "21 470",
    "org-dist-meridian": "21 520",
    "org-dist-talvo": "23 520",
    "org-pharm-lumen": "21 540",
    "org-society": "21 310",
}
# Specialty families, for the few ties between hospitals and for congresses.
FIELDS = {
    "Cardiology": "cardio",
    "Internal medicine": "internal",
    "Medical oncology": "onco",
    "Haematology and oncology": "onco",
    "Anaesthesiology and intensive care": "icu",
    "Anaesthesiology": "icu",
    "Intensive care": "icu",
    "General surgery": "surgery",
    "Hospital pharmacy": "pharmacy",
    "Procurement": "procurement",
    "Nursing": "nursing",
    "Pharmaceutical purchasing": "procurement",
    "Purchasing": "procurement",
}
# KAM -> (how many ordinary staff they list as contacts, the groups they come from).
LIGHT_COVERAGE = {
    "u-kira": (
        20,
        (
            "org-aurel-card",
            "org-aurel-int",
            "org-aurel-icu",
            "org-aurel-surg",
            "org-aurel-pharm",
            "org-aurel-onc",
            "org-h-aurel",
        ),
    ),
    "u-tomas": (4, ("org-ostr-card", "org-ostr-int", "org-ostr-pharm")),
    "u-lea": (3, ("org-cald-int", "org-cald-icu", "org-bren-int")),
    "u-sofia": (4, ("org-aurel-onc", "org-ostr-onc")),
    "u-aaron": (3, ("org-aurel-icu", "org-ostr-icu", "org-cald-icu")),
    "u-jonas": (2, ("org-ministry",)),
    "u-nadia": (2, ("org-purch",)),
    "u-piet": (1, ("org-pharm-lumen",)),
}
# Events -> (specialty fields of ordinary staff who may attend, probability).
ATTENDANCE = {
    "ev-vim-2025": (("internal",), 0.35),
    "ev-vcc-2026": (("cardio", "internal"), 0.3),
    "ev-onc-rt-2026": (("onco",), 0.3),
    "ev-access-rt-2026": (("procurement",), 0.3),
}

Row = dict[str, str]


@dataclass
class Region:
    """Everything read or generated, with the indexes the generator and the checks need."""

    orgs: dict[str, Row]
    people: list[Row] = field(default_factory=list[Row])
    hand: list[Row] = field(default_factory=list[Row])  # hand-written relationships
    made: list[Row] = field(default_factory=list[Row])  # generated relationships
    group: dict[str, str] = field(default_factory=dict[str, str])  # person -> current org
    head: dict[str, str] = field(default_factory=dict[str, str])  # group -> head
    light: list[str] = field(default_factory=list[str])  # ids of generated people
    by_id: dict[str, Row] = field(default_factory=dict[str, Row])

    def root(self, org: str) -> str:
        while self.orgs[org].get("parent_id"):
            org = self.orgs[org]["parent_id"]
        return org

    def side(self, person: str) -> str:
        return "government" if self.root(self.group[person]) in GOVERNMENT else "care"

    def person(self, pid: str) -> Row:
        if pid not in self.by_id:
            self.by_id = {p["id"]: p for p in self.people}
        return self.by_id[pid]

    def rows(self, rel_type: str) -> list[Row]:
        return [r for r in self.hand + self.made if r["type"] == rel_type]


def read_csv(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [dict(row) for row in csv.DictReader(handle)]


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "-" for c in plain.lower()).strip("-")


def fraction(rng: random.Random, low: float, high: float) -> str:
    """A strength between low and high in steps of 0.05, as text."""
    steps = round((high - low) / 0.05)
    return f"{low + 0.05 * rng.randint(0, steps):.2f}".rstrip("0").rstrip(".")


def load(region: Region) -> None:
    region.people = [{**row, "region": REGION} for row in read_csv(SRC / "key_people.csv")]
    for name, rel_type in SOURCES.items():
        for row in read_csv(SRC / name):
            region.hand.append({"type": rel_type, **row} if rel_type else row)
    for row in region.rows("WORKS_AT"):
        if row["is_current"] == "true":
            region.group[row["from_id"]] = row["to_id"]
    for row in region.people:
        if region.group.get(row["id"]) in COMPETITOR_STAFF_ORGS:
            row["region"] = ""  # competitors' staff work nationally
    for group, (_, head, _) in STAFF.items():
        if head:
            region.head[group] = head


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


def languages(rng: random.Random) -> str:
    spoken = ["Velmoran"]
    if rng.random() < 0.7:
        spoken.append("English")
    if rng.random() < 0.25:
        spoken.append(rng.choice(OTHER_LANGUAGES))
    return "; ".join(spoken)


def contact(rng: random.Random, region: Region, given: str, family: str, group: str) -> Row:
    root = region.root(group)
    email = phone = ""
    if rng.random() < 0.75:
        email = f"{ascii_slug(given)}.{ascii_slug(family)}@{DOMAINS[root]}"
    if rng.random() < 0.35:
        phone = f"+00 {PHONE_PREFIX[root]} {rng.randint(2000, 9999)}"
    channel = rng.choice(CHANNELS) if (email or phone) and rng.random() < 0.5 else ""
    return {"email": email, "phone": phone, "preferred_channel": channel}


def name_pairs(rng: random.Random, region: Region) -> Iterable[tuple[str, str]]:
    taken = {p["family_name"] for p in region.people}
    used: set[str] = set()
    while True:
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        key = f"{given} {family}"
        if family in taken or key in used:
            continue
        used.add(key)
        yield given, family


def add_person(region: Region, row: Row, group: str, title: str, boss: str | None) -> None:
    region.people.append(row)
    region.light.append(row["id"])
    region.group[row["id"]] = group
    label = STAFF[group][0]
    region.made.append(
        {
            "type": "WORKS_AT",
            "from_id": row["id"],
            "to_id": group,
            "title": title,
            "department": label,
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
    names = iter(name_pairs(rng, region))
    fixed = {(f[0], f[4]): f for f in FIXED_STAFF}
    for group, (_, _, slots) in STAFF.items():
        for count, title, specialty, titles, boss in slots:
            if (group, title) in fixed:
                add_fixed(rng, region, fixed[(group, title)], boss)
            for _ in range(count):
                given, family = next(names)
                young = title.startswith(("Resident", "Pharmacy Technician"))
                row: Row = {
                    "id": f"p-{ascii_slug(given)}-{ascii_slug(family)}",
                    "given_name": given,
                    "family_name": family,
                    "titles": titles,
                    "specialty": specialty,
                    "languages": languages(rng),
                    **contact(rng, region, given, family, group),
                    "birthday": birthday(rng, young),
                    "region": REGION,
                }
                add_person(region, row, group, title, boss)


def add_fixed(rng: random.Random, region: Region, spec: tuple[str, ...], boss: str | None) -> None:
    group, given, family, pid, title, specialty, titles, spoken = spec
    local = pid.removeprefix("p-").replace("-", ".", 1)
    row: Row = {
        "id": pid,
        "given_name": given,
        "family_name": family,
        "titles": titles,
        "specialty": specialty,
        "languages": spoken,
        "email": f"{local}@{DOMAINS[region.root(group)]}",
        "birthday": birthday(rng, young=False),
        "region": REGION,
    }
    add_person(region, row, group, title, boss)


def former_jobs(rng: random.Random, region: Region) -> None:
    """A few physicians moved between hospitals: an older WORKS_AT with is_current false."""
    movers = [p for p in region.light if region.person(p)["titles"] == "Dr."]
    movers = [p for p in movers if region.side(p) == "care" and region.group[p] in FIELD_DEPTS]
    for pid in rng.sample(sorted(movers), 6):
        here = region.group[pid]
        field_ = FIELD_DEPTS[here]
        elsewhere = sorted(g for g, f in FIELD_DEPTS.items() if f == field_ and g != here)
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
                "department": STAFF[old][0],
                "is_current": "false",
                "since": f"{start}-{rng.choice(('01', '04', '09'))}-01",
                "until": f"{start + rng.randint(2, 6)}-12-31",
            }
        )


FIELD_DEPTS = {
    "org-aurel-card": "cardio",
    "org-ostr-card": "cardio",
    "org-aurel-int": "internal",
    "org-ostr-int": "internal",
    "org-cald-int": "internal",
    "org-bren-int": "internal",
    "org-aurel-onc": "onco",
    "org-ostr-onc": "onco",
    "org-aurel-icu": "icu",
    "org-ostr-icu": "icu",
    "org-cald-icu": "icu",
    "org-aurel-surg": "surgery",
    "org-cald-surg": "surgery",
    "org-bren-surg": "surgery",
}


# --- KNOWS ---


def pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def knows_row(rng: random.Random, region: Region, a: str, b: str, *, close: bool) -> Row:
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
    return next(
        (
            r["title"]
            for r in region.rows("WORKS_AT")
            if r["from_id"] == pid and r["is_current"] == "true"
        ),
        "",
    )


def make_knows(rng: random.Random, region: Region) -> None:
    seen = {pair_key(r["from_id"], r["to_id"]) for r in region.rows("KNOWS")}
    members: dict[str, list[str]] = defaultdict(list)
    for pid in sorted(region.group):
        if region.group[pid] not in COMPETITOR_STAFF_ORGS:
            members[region.group[pid]].append(pid)
    everyone = sorted(p for g, ps in members.items() for p in ps)
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
    if region.side(a) != region.side(b):
        chance, close = 0.0, False  # only the hand-written bridges cross
    elif ga == gb:
        chance, close = 0.75, True  # a department or office: a dense clique
    elif "org-gp-oldtown" in (ra, rb):
        chance, close = 0.0, False  # the GP practice's ties are all hand-written
    elif "org-society" in (ga, gb):
        members = {r["from_id"] for r in region.rows("MEMBER_OF") if r["to_id"] == "org-society"}
        chance, close = (0.8 if {a, b} & members else 0.0), False  # the society's office
    elif ra == rb:
        senior = a not in region.light and b not in region.light
        chance, close = (0.6 if senior else 0.05), True
    elif region.side(a) == "government":
        chance, close = 0.2, False
    else:
        chance, close = cross_org_chance(region, a, b, {ra, rb}), False
    return chance, close


TRADE = frozenset({"org-purch", "org-dist-meridian", "org-dist-talvo", "org-pharm-lumen"})


def cross_org_chance(region: Region, a: str, b: str, roots: set[str]) -> float:
    """Ties between hospitals and the trade: same specialty, or pharmacy and purchasing."""
    fa, fb = field_of(region, a), field_of(region, b)
    if fa and fa == fb and fa != "nursing":
        return 0.06
    if fa and fb and {fa, fb} <= {"pharmacy", "procurement"}:
        return 0.12
    return 0.12 if roots <= TRADE else 0.0


def field_of(region: Region, pid: str) -> str:
    return FIELDS.get(region.person(pid)["specialty"], "")


# --- memberships, congresses, the KAMs' small contacts ---


def make_memberships(rng: random.Random, region: Region) -> None:
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
                    "to_id": "org-society",
                    "role": "member",
                    "since": f"{rng.randint(2008, 2025)}-01-01",
                }
            )


def make_attendance(rng: random.Random, region: Region) -> None:
    present = {(r["from_id"], r["to_id"]) for r in region.rows("ATTENDED")}
    present |= {(r["from_id"], r["to_id"]) for r in region.rows("SPOKE_AT")}
    for event, (fields, chance) in ATTENDANCE.items():
        for pid in region.light:
            if field_of(region, pid) not in fields or (pid, event) in present:
                continue
            if region.person(pid)["specialty"] == "Nursing" or rng.random() >= chance:
                continue
            region.made.append({"type": "ATTENDED", "from_id": pid, "to_id": event})


def make_light_coverage(rng: random.Random, region: Region) -> None:
    for user, (count, groups) in LIGHT_COVERAGE.items():
        pool = sorted(p for p in region.light if region.group[p] in groups)
        for pid in rng.sample(pool, count):
            stage = "acquaintance" if rng.random() < 0.3 else "contact"
            since = date(2020, 1, 1) + timedelta(days=rng.randrange(6 * 365))
            region.made.append(
                {
                    "type": "COVERS",
                    "from_id": user,
                    "to_id": pid,
                    "stage": stage,
                    "since": since.isoformat(),
                }
            )


def build() -> Region:
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    region = Region(orgs={o["id"]: o for o in read_csv(OUT / "organizations.csv")})
    load(region)
    make_staff(rng, region)
    former_jobs(rng, region)
    make_memberships(rng, region)
    make_knows(rng, region)
    make_attendance(rng, region)
    make_light_coverage(rng, region)
    return region


# --- output ---


def people_csv(region: Region) -> str:
    return to_csv(PEOPLE_COLUMNS, region.people)


def relationships_csv(region: Region) -> str:
    rows = [r for t in TYPE_ORDER for r in region.hand + region.made if r["type"] == t]
    return to_csv(REL_COLUMNS, rows)


def to_csv(columns: tuple[str, ...], rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        unknown = set(row) - set(columns)
        if unknown:
            raise SystemExit(f"unknown columns {sorted(unknown)} in {row}")
        writer.writerow(row)
    return buffer.getvalue()


# --- checks: ids and references, and the planted structures ---


class Problems(list[str]):
    def need(self, ok: bool, message: str) -> None:
        if not ok:
            self.append(message)


def check(region: Region) -> Problems:
    problems = Problems()
    check_ids(region, problems)
    check_bridges(region, problems)
    check_hidden(region, problems)
    for pid in (p["id"] for p in region.people):
        problems.need(pid in region.group, f"{pid} has no current WORKS_AT")
    return problems


def check_ids(region: Region, problems: Problems) -> None:
    ids = {"people": [p["id"] for p in region.people]}
    problems.need(len(set(ids["people"])) == len(ids["people"]), "duplicate person ids")
    known = set(ids["people"]) | set(region.orgs)
    for name in ("users", "tenders", "products", "events"):
        known |= {r["id"] for r in read_csv(OUT / f"{name}.csv")}
    keys: set[tuple[str, str, str]] = set()
    pairs: set[tuple[str, str]] = set()
    for row in region.hand + region.made:
        key = (row["type"], row["from_id"], row["to_id"])
        problems.need(key not in keys, f"duplicate relationship {key}")
        keys.add(key)
        for end in (row["from_id"], row["to_id"]):
            problems.need(end in known, f"unknown id {end!r} in {key}")
        if row["type"] == "KNOWS":
            pair = pair_key(row["from_id"], row["to_id"])
            problems.need(pair not in pairs, f"KNOWS both ways: {pair}")
            pairs.add(pair)


def check_bridges(region: Region, problems: Problems) -> None:
    """Every KNOWS/INFLUENCES tie between government and care touches a bridge."""
    crossing: dict[str, int] = defaultdict(int)
    for row in region.rows("KNOWS") + region.rows("INFLUENCES"):
        a, b = row["from_id"], row["to_id"]
        if region.side(a) == region.side(b):
            continue
        problems.need(bool({a, b} & set(BRIDGES)), f"tie {a} - {b} crosses without a bridge")
        for end in {a, b} & set(BRIDGES):
            crossing[end] += 1
    for bridge in BRIDGES:
        problems.need(crossing[bridge] > 0, f"bridge {bridge} crosses nothing")


def check_hidden(region: Region, problems: Problems) -> None:
    roles = region.rows("ROLE_IN")
    dmu = defaultdict(set)
    for row in roles:
        dmu[row["from_id"]].add(row["to_id"])
    for pid in HIDDEN_INFLUENCERS:
        problems.need(pid not in dmu, f"hidden influencer {pid} has a tender role")
        out = [r for r in region.rows("INFLUENCES") if r["from_id"] == pid]
        strong = [r for r in out if 0.7 <= float(r["weight"]) <= 0.9]
        tenders = set().union(*(dmu[r["to_id"]] for r in strong))
        problems.need(len(strong) >= 4, f"{pid} influences fewer than 4 people strongly")
        problems.need(len(tenders) >= 2, f"{pid} reaches fewer than 2 tenders")


# --- facts for seeds/README.md ---


def facts(region: Region) -> list[str]:
    interactions = read_csv(OUT / "interactions.csv")
    last: dict[str, date] = {}
    for row in interactions:
        day = date.fromisoformat(row["date"])
        for pid in row["participant_ids"].split("; "):
            if day <= ANCHOR and (pid not in last or day > last[pid]):
                last[pid] = day
    covers = defaultdict(list)
    for row in region.rows("COVERS"):
        covers[row["to_id"]].append(f"{row['from_id']}:{row['stage']}")
    lines = ["## DMU coverage per tender (anchor " + ANCHOR.isoformat() + ")"]
    for tender in read_csv(OUT / "tenders.csv"):
        lines.append(f"{tender['id']} ({tender['status']})")
        for row in (r for r in region.rows("ROLE_IN") if r["to_id"] == tender["id"]):
            pid = row["from_id"]
            seen = last.get(pid)
            state = coverage_state(covers[pid], seen)
            lines.append(f"  {pid:<22} {row['role']:<15} {row['stance']:<10} {state}")
    lines += kam_load(region, covers, last)
    lines += birthdays(region, covers)
    lines += proposals(interactions)
    return lines


def coverage_state(covered_by: list[str], seen: date | None) -> str:
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


def kam_load(region: Region, covers: dict[str, list[str]], last: dict[str, date]) -> list[str]:
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
    lines = ["## Proposals not confirmed (done=false)"]
    for row in interactions:
        if row["kind"] == "proposal" and row["done"] == "false":
            age = (ANCHOR - date.fromisoformat(row["date"])).days
            lines.append(
                f"  {row['id']} {row['date']} ({age} days) {row['user_id']} -> "
                f"{row['participant_ids']}"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--facts", action="store_true", help="print the planted facts")
    args = parser.parse_args(argv)
    region = build()
    problems = check(region)
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    if problems:
        return 1
    outputs = {"people.csv": people_csv(region), "relationships.csv": relationships_csv(region)}
    if args.check:
        stale = [n for n, text in outputs.items() if (OUT / n).read_text("utf-8") != text]
        for name in stale:
            print(f"seeds/demo/{name} is out of date; run seeds/make_demo.py", file=sys.stderr)
        return 1 if stale else 0
    if args.facts:
        print("\n".join(facts(region)))
        return 0
    for name, text in outputs.items():
        (OUT / name).write_text(text, encoding="utf-8")
    counts = defaultdict(int)
    for row in region.hand + region.made:
        counts[row["type"]] += 1
    print(
        f"{len(region.people)} people, {sum(counts.values())} relationships: "
        + ", ".join(f"{t} {counts[t]}" for t in TYPE_ORDER)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
