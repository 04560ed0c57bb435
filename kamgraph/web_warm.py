"""Warm the web app before its first visitor: templates compiled, the pages' queries planned."""

from __future__ import annotations

from collections.abc import Callable

import neo4j
from flask import Flask

from kamgraph import clock, web_db
from kamgraph.errors import KamgraphError
from kamgraph.repository import deputies, dossier, history, orgs, search, tenders, users, week
from kamgraph.repository import graph as graph_repo
from kamgraph.repository import scope as scope_repo


def warm_up(app: Flask) -> None:
    """Compile the templates and have Neo4j plan the pages' queries, before the first user.

    Neo4j plans a query the first time it sees its text (50-70 ms for a dossier at 100,000
    people) and Jinja compiles a template on first use; without this, the first visitor
    of each page after a start pays both. Each read runs once for an id that does not
    exist, so nothing is read or written. A database that is down is no reason not to
    start: the pages then answer 503 until it is back.
    """
    for name in app.jinja_env.list_templates(filter_func=lambda n: n.endswith(".html")):
        app.jinja_env.get_template(name)
    nobody, today = "-warm-up-", clock.today()
    reads: tuple[Callable[[neo4j.Session], object], ...] = (
        lambda s: users.get(s, nobody),
        lambda s: dossier.get(s, nobody),
        lambda s: dossier.ego_network(s, nobody),
        lambda s: tenders.page(s, nobody),
        lambda s: tenders.dmu_map(s, nobody),
        lambda s: orgs.page(s, nobody),
        lambda s: graph_repo.tender_dmu(s, nobody, today),
        lambda s: graph_repo.account_members(s, nobody, today),
        graph_repo.accounts,
        lambda s: week.my_week(s, nobody, today),
        lambda s: scope_repo.deputising(s, nobody, today),  # every page's scope
        lambda s: deputies.of_user(s, nobody, today),
        lambda s: search.search(s, "warm"),
        lambda s: history.timeline(s, nobody, limit=1),  # the dossier's changes
        lambda s: history.watched(s, nobody, clock.now(), limit=1),  # My week's
    )
    with app.app_context():
        session = web_db.get_session()
        for read in reads:
            try:
                read(session)
            except (KamgraphError, LookupError, TypeError):
                continue
