"""Locust users for bench/bench_scale.py: KAMs reading dossiers and editing, at once.

Each user signs in as the benchmark's KAM, then mostly reads dossiers of random people
and sometimes edits one (a new specialty, through the real form with its CSRF token and
version), opens a tender, an organization or a search. Set by bench_scale.py:
KAMGRAPH_BENCH_PEOPLE (a file of person ids), KAMGRAPH_BENCH_EMAIL, KAMGRAPH_BENCH_PASSWORD.
"""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, task

from kamgraph.seeding.generate import FAMILY

PEOPLE = Path(os.environ.get("KAMGRAPH_BENCH_PEOPLE", "people.txt")).read_text().split()
TENDERS = [f"gt{t}" for t in range(max(10, len(PEOPLE) // 100))]
HOSPITALS = [f"g-h{h}" for h in range(max(3, len(PEOPLE) // 400))]
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
FIELD = re.compile(r'<input id="f-[^"]+" name="([^"]+)" value="([^"]*)"')


class Kam(HttpUser):
    wait_time = between(0.05, 0.3)

    def on_start(self) -> None:
        page = self.client.get("/login", name="sign-in form").text
        token = TOKEN.search(page)
        if token is None:
            raise RuntimeError("no CSRF token on /login")
        email, password = os.environ["KAMGRAPH_BENCH_EMAIL"], os.environ["KAMGRAPH_BENCH_PASSWORD"]
        form = {"email": email, "password": password, "csrf_token": token.group(1)}
        self.client.post("/login", name="sign in", data=form)

    @task(12)
    def dossier(self) -> None:
        self.client.get(f"/people/{random.choice(PEOPLE)}", name="dossier")

    @task(2)
    def edit(self) -> None:
        person = random.choice(PEOPLE)
        form = self.client.get(f"/people/{person}/edit", name="edit form").text
        token, version = TOKEN.search(form), VERSION.search(form)
        if not token or not version:
            return
        data = dict(FIELD.findall(form))
        data.update(
            csrf_token=token.group(1),
            version=version.group(1),
            specialty=random.choice(("Cardiology", "Oncology", "Neurology")),
        )
        self.client.post(f"/people/{person}/edit", data=data, name="edit")
        self.client.get(f"/people/{person}", name="dossier after edit")

    @task(1)
    def tender(self) -> None:
        self.client.get(f"/tenders/{random.choice(TENDERS)}", name="tender")

    @task(1)
    def organization(self) -> None:
        self.client.get(f"/orgs/{random.choice(HOSPITALS)}", name="organization")

    @task(1)
    def search(self) -> None:
        self.client.get(f"/search?q={random.choice(FAMILY)}", name="search")
