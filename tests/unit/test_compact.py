"""The compact graph the pages share answers as the NetworkX projection does.

NetworkX is the reference: on random graphs with every tie type, kind, strength, age and
end date, warm paths and DMU influence from the arrays equal the projection's.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from kamgraph.analytics import compact, influence, paths
from kamgraph.analytics.projection import build
from kamgraph.models import Tie

DAY = date(2026, 11, 30)
KINDS = ("colleague", "friend", "rival", "former_colleague", None)
STAGES = ("contact", "acquaintance", "loyalty", "near_friendship")


Rows = list[dict[str, str]]


def _random_region(seed: int, people: int = 400, team: int = 6) -> tuple[Rows, Rows, list[Tie]]:
    rng = random.Random(seed)
    persons = [{"id": f"p{i}", "name": f"Person {i}"} for i in range(people)]
    users = [{"id": f"u{i}", "name": f"User {i}"} for i in range(team)]
    ties: list[Tie] = []

    def when() -> date | None:
        return None if rng.random() < 0.3 else DAY - timedelta(days=rng.randrange(0, 2000))

    for _ in range(people * 4):
        a, b = rng.sample(range(people), 2)
        kind = rng.choice(("KNOWS", "KNOWS", "INFLUENCES", "REPORTS_TO"))
        until = DAY - timedelta(days=3) if rng.random() < 0.05 else None
        value = None if rng.random() < 0.1 else round(rng.uniform(0.1, 1.0), 2)
        ties.append(
            Tie(
                f"p{a}",
                f"p{b}",
                kind,
                rng.choice(KINDS) if kind == "KNOWS" else None,
                None if kind == "REPORTS_TO" else value,
                when(),
                until,
            )
        )
    for u in range(team):
        for p in rng.sample(range(people), 12):
            ties.append(Tie(f"u{u}", f"p{p}", "COVERS", rng.choice(STAGES), None, when()))
    return persons, users, ties


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_warm_paths_equal_the_projections(seed: int) -> None:
    persons, users, ties = _random_region(seed)
    reference = build([*persons, *({**u, "team": True} for u in users)], ties, today=DAY)
    shared = compact.build(persons, users, ties, today=DAY)
    team = [u["id"] for u in users]
    compared = 0
    for target in (p["id"] for p in persons[::7]):
        for sources in (team, team[:1]):
            try:
                expected = paths.warm_paths(reference, sources, target, today=DAY, k=3)
            except paths.NoPath as error:
                with pytest.raises(paths.NoPath, match=str(error)):
                    shared.warm_paths(sources, target, k=3)
                continue
            found = shared.warm_paths(sources, target, k=3)
            assert [p.nodes for p in found] == [p.nodes for p in expected]
            assert [p.strength for p in found] == pytest.approx([p.strength for p in expected])
            assert [[h.how for h in p.hops] for p in found] == [
                [h.how for h in p.hops] for p in expected
            ]
            compared += 1
    assert compared > 20  # most targets are reachable: the comparison is not vacuous


@pytest.mark.parametrize("seed", [1, 2])
def test_dmu_influence_equals_the_projections(seed: int) -> None:
    persons, users, ties = _random_region(seed)
    people_only = [t for t in ties if t.type != "COVERS"]
    reference = build(persons, people_only, today=DAY, keep_ties=False)
    shared = compact.build(persons, users, ties, today=DAY)
    rng = random.Random(seed)
    for _ in range(10):
        members = [p["id"] for p in rng.sample(persons, 6)]
        expected = influence.neighbourhood_influence(reference, members)
        found = shared.neighbourhood_influence(members)
        assert found.keys() == expected.keys()
        assert len(found) > len(members)  # the neighbourhood, not the members alone
        for node, score in expected.items():
            assert found[node] == pytest.approx(score, abs=1e-12)


def test_ended_and_hostile_ties_carry_no_path() -> None:
    people = [{"id": "a", "name": "Ada"}, {"id": "t", "name": "Tom"}]
    team = [{"id": "kam", "name": "Kira"}]
    ties = [
        Tie("kam", "a", "COVERS", "loyalty"),
        Tie("a", "t", "KNOWS", "rival", 0.9),
        Tie("a", "t", "INFLUENCES", None, 0.7, until=DAY - timedelta(days=1)),
    ]
    shared = compact.build(people, team, ties, today=DAY)
    with pytest.raises(paths.NoPath, match="nobody on the team is connected to Tom"):
        shared.warm_paths(["kam"], "t")
    scores = shared.neighbourhood_influence(["t"])  # a rival still sways; an ended tie not
    assert set(scores) == {"a", "t"}
    assert sum(scores.values()) == pytest.approx(1.0)
