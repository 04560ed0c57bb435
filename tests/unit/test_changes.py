"""What changed sorts a reader's changes into what a KAM asks about (services/changes.py),
and hides sensitive values from readers without the sensitive view; on hand-made changes."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from kamgraph.repository.history import Change, End
from kamgraph.services.changes import Item, item_of, said, sorted_out

AT = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
ADA = End("p-ada", "Person", "Ada Rowan", None)
OPEN = End("t-open", "Tender", "LMWH 2028", "announced")
AWARDED = End("t-old", "Tender", "LMWH 2024", "awarded")
ORG = End("o-aurel", "Organization", "St. Aurel", None)


def _change(kind: str, type_: str, ends: list[End], **fields: tuple[str, str]) -> Change:
    return Change(
        id=f"c-{type_}-{kind}",
        at=AT,
        by="u-hana",
        by_name="Hana Vesterlund",
        source="manual",
        type=type_,
        kind=kind,
        from_id=ends[0].id,
        to_id=ends[1].id if len(ends) > 1 else None,
        fields=list(fields),
        before=[b for b, _ in fields.values()],
        after=[a for _, a in fields.values()],
        ends=ends,
    )


def _groups(*changes: Change) -> list[list[str]]:
    items: list[Item] = [item_of(c, sensitive_ok=True) for c in changes]
    return [[i.type + " " + i.kind for i in group] for group in sorted_out(items)]


def test_a_champion_turned_sceptic_in_an_open_tender_is_a_lost_champion() -> None:
    lost = _change("changed", "ROLE_IN", [ADA, OPEN], stance=("champion", "sceptic"))
    weakened = _change("changed", "ROLE_IN", [ADA, OPEN], stance=("supporter", "neutral"))
    assert _groups(lost, weakened)[0] == ["ROLE_IN changed", "ROLE_IN changed"]


def test_a_lost_stance_in_a_closed_tender_or_a_gained_one_is_another_change() -> None:
    closed = _change("changed", "ROLE_IN", [ADA, AWARDED], stance=("champion", "blocker"))
    gained = _change("changed", "ROLE_IN", [ADA, OPEN], stance=("sceptic", "champion"))
    assert _groups(closed, gained) == [[], [], [], ["ROLE_IN changed", "ROLE_IN changed"]]


def test_jobs_started_ended_or_retitled_are_rotation() -> None:
    started = _change("created", "WORKS_AT", [ADA, ORG], title=("", "Head of Cardiology"))
    ended = _change("ended", "WORKS_AT", [ADA, ORG], until=("", "2026-11-20"))
    retitled = _change("changed", "MEMBER_OF", [ADA, ORG], role=("member", "chair"))
    assert _groups(started, ended, retitled)[1] == [
        "WORKS_AT created",
        "WORKS_AT ended",
        "MEMBER_OF changed",
    ]


def test_a_role_added_to_an_open_tender_is_a_new_dmu_member() -> None:
    joined = _change("created", "ROLE_IN", [ADA, OPEN], role=("", "user"))
    late = _change("created", "ROLE_IN", [ADA, AWARDED], role=("", "user"))
    assert _groups(joined, late) == [[], [], ["ROLE_IN created"], ["ROLE_IN created"]]


def test_sensitive_values_are_hidden_from_readers_without_the_sensitive_view() -> None:
    edit = _change("changed", "Person", [ADA], values=("family", "sailing; family"))
    hidden = item_of(edit, sensitive_ok=False).fields[0]
    assert (hidden.hidden, hidden.before, hidden.after) == (True, "", "")
    shown = item_of(edit, sensitive_ok=True).fields[0]
    assert (shown.hidden, shown.after) == (False, "sailing; family")
    plain = _change("changed", "Person", [ADA], specialty=("Cardiology", "Angiology"))
    assert item_of(plain, sensitive_ok=False).fields[0].after == "Angiology"


def test_the_dossier_sees_a_tie_from_its_person() -> None:
    knows = _change("created", "KNOWS", [ADA, End("p-eli", "Person", "Elias", None)])
    seen = item_of(knows, sensitive_ok=True, subject="p-eli")
    assert (seen.person, seen.other) == (knows.ends[1], ADA)


def test_a_merge_and_a_persons_events_say_what_happened_in_words() -> None:
    congress = End("ev-vim", "Event", "Velmora Internal Medicine Days", None)
    talk = _change("created", "SPOKE_AT", [ADA, congress], topic=("", "VTE after discharge"))
    attended = _change("created", "ATTENDED", [ADA, congress])
    merged = dataclasses.replace(
        _change("merged", "Person", [ADA], phone=("+00 1", "+00 2")),
        merged_id="p-ada-2",
        merged_name="Ada Rowan",
    )
    said_of = [said(item_of(c, sensitive_ok=True)) for c in (talk, attended, merged)]
    assert said_of == [
        "spoke at Velmora Internal Medicine Days topic: - -> VTE after discharge",
        "attended Velmora Internal Medicine Days",
        "merged with Ada Rowan (p-ada-2); taken from it: phone: +00 1 -> +00 2",
    ]
    # A talk is news for What changed; it is no DMU or rotation change.
    assert _groups(talk)[3] == ["SPOKE_AT created"]
