"""The duplicates list, the dossier's "Possible duplicate" and the merge page, on the demo."""

from __future__ import annotations

from html import unescape

from flask import Flask

from .web_support import ADMIN, KAM, LEAD, client_of, csrf_token

TWIN, FIRST = "p-maria-kovaleva", "p-mariya-kovaleva"  # the demo's planted duplicate


def test_a_kam_may_not_list_duplicates_or_merge(demo_web: Flask) -> None:
    kira = client_of(demo_web, KAM)
    assert kira.get("/people/duplicates").status_code == 403
    assert kira.get(f"/people/merge?a={FIRST}&b={TWIN}").status_code == 403
    token = csrf_token(kira, "/")
    posted = kira.post("/people/merge", data={"a": FIRST, "b": TWIN, "csrf_token": token})
    assert posted.status_code == 403
    # Nor does her dossier suggest a merge she may not make.
    assert "Possible duplicate" not in kira.get(f"/people/{FIRST}").get_data(as_text=True)


def test_a_lead_finds_the_pair_compares_and_merges(demo_web: Flask) -> None:
    hana = client_of(demo_web, LEAD)
    listed = unescape(hana.get("/people/duplicates").get_data(as_text=True))
    assert f'data-pair="{TWIN} {FIRST}"' in listed
    assert "Maria Kovaleva" in listed
    assert "Мария Андреевна Ковалёва" in listed
    assert "the same family name in Latin letters: kovaleva" in listed
    dossier = unescape(hana.get(f"/people/{FIRST}").get_data(as_text=True))
    assert "Possible duplicate:" in dossier
    assert f"/people/merge?a={FIRST}&amp;b={TWIN}" in hana.get(f"/people/{FIRST}").get_data(
        as_text=True
    )
    page = hana.get(f"/people/merge?a={FIRST}&b={TWIN}")
    assert page.status_code == 200
    shown = unescape(page.get_data(as_text=True))
    assert 'data-field="phone"' in shown
    assert 'data-field="birthday"' not in shown  # the same in both: nothing to choose
    form = {
        "a": FIRST,
        "b": TWIN,
        "keep": "a",
        "version_a": _value(shown, "version_a"),
        "version_b": _value(shown, "version_b"),
        "field:phone": "b",
        "field:given_name": "a",
        "csrf_token": csrf_token(hana, f"/people/merge?a={FIRST}&b={TWIN}"),
    }
    stale = hana.post("/people/merge", data={**form, "version_b": "99"})
    assert stale.status_code == 409
    assert "was changed while you compared them" in unescape(stale.get_data(as_text=True))
    merged = hana.post("/people/merge", data=form)
    assert merged.status_code == 302
    assert merged.headers["Location"].endswith(f"/people/{FIRST}")
    after = unescape(hana.get(f"/people/{FIRST}").get_data(as_text=True))
    assert "+00 23 300 1099" in after  # her phone, chosen from the card
    assert "Мария" in after
    # The merged-away id leads to her; the trail says who merged what.
    moved = hana.get(f"/people/{TWIN}")
    assert moved.status_code == 302
    assert moved.headers["Location"].endswith(f"/people/{FIRST}")
    trail = unescape(
        client_of(demo_web, ADMIN).get(f"/audit/people/{FIRST}").get_data(as_text=True)
    )
    assert "merged two records of one person" in trail
    # Listed no more.
    assert TWIN not in hana.get("/people/duplicates").get_data(as_text=True)


def _value(html: str, name: str) -> str:
    marker = f'name="{name}" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]
