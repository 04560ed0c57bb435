"""The special-category screen on real sentences in the six languages, and what it must
not flag."""

from __future__ import annotations

import pytest

from kamgraph.screening import _LISTS as LISTS  # pyright: ignore[reportPrivateUsage]
from kamgraph.screening import (
    CATEGORIES,
    LANGUAGES,
    ListError,
    parse_list,
    screen,
    screen_fields,
)


def found(text: str, *, personal: bool = True) -> dict[str, tuple[str, ...]]:
    return {f.category: f.words for f in screen(text, personal=personal)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English, as any team may write it
        ("Type 2 diabetic, watch the dessert menu", {"health": ("diabetic",)}),
        ("Wife is pregnant with their second child", {"health": ("pregnant",)}),
        (
            "Sings in the church choir; devout Catholic",
            {"religion": ("church choir", "devout", "Catholic")},
        ),
        (
            "Long-standing party member, ran the election campaign in 2022",
            {"politics": ("party member", "election campaign")},
        ),
        ("Lives with his same-sex partner", {"sex_life": ("same-sex",)}),
        (
            "Shop steward for the nurses' trade union",
            {"trade_union": ("Shop steward", "trade union")},
        ),
        # Finnish: stems take the endings
        (
            "Vaimo on raskaana, jää äitiyslomalle keväällä",
            {"health": ("raskaana", "äitiyslomalle")},
        ),
        (
            "Lestadiolainen, käy kirkossa joka sunnuntai",
            {"religion": ("Lestadiolainen", "käy kirkossa")},
        ),
        ("Kokoomuksen kunnanvaltuutettu", {"politics": ("Kokoomuksen",)}),
        ("Ammattiliiton luottamusmies", {"trade_union": ("Ammattiliiton", "luottamusmies")}),
        # Italian
        ("È incinta del secondo figlio", {"health": ("incinta",)}),
        ("Cattolico, va a messa ogni domenica", {"religion": ("Cattolico", "va a messa")}),
        (
            "Iscritto al partito da anni, vicino alla Lega Nord",
            {"politics": ("Iscritto al partito", "Lega Nord")},
        ),
        ("Delegato Anaao in ospedale", {"trade_union": ("Anaao",)}),
        # Russian: case, ё and endings
        ("У него диабет, не ест сладкое", {"health": ("диабет",)}),
        ("Жена беременна, в декрете с марта", {"health": ("беременна", "в декрете")}),
        ("Православный, соблюдает пост", {"religion": ("Православный", "соблюдает пост")}),
        ("Член партии, голосует за КПРФ", {"politics": ("Член партии", "КПРФ")}),
        # Albanian: articles as endings, ë folded
        ("Ka diabet, nuk ha ëmbëlsira", {"health": ("diabet",)}),
        ("Mysliman, agjëron gjatë Ramazanit", {"religion": ("Mysliman", "agjëron", "Ramazanit")}),
        ("Anëtar i Partisë Socialiste", {"politics": ("Anëtar i Partisë", "Partisë Socialiste")}),
        ("Katolike, shkon në kishë të dielën", {"religion": ("Katolike", "në kishë")}),
        # Thai: no spaces; the words inside
        ("เขาเป็นเบาหวาน ภรรยาตั้งครรภ์", {"health": ("เบาหวาน", "ตั้งครรภ์")}),
        ("นับถือศาสนาอิสลาม ไปมัสยิดทุกวันศุกร์", {"religion": ("ศาสนา", "อิสลาม", "มัสยิด")}),
        ("สมาชิกพรรคเพื่อไทย", {"politics": ("พรรค",)}),
        ("ชอบทำบุญ เคยบวชที่เชียงใหม่", {"religion": ("ทำบุญ", "บวช")}),
    ],
)
def test_flags_special_category_words(text: str, expected: dict[str, tuple[str, ...]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Organised his daughter's birthday party",  # party, not politics
        "Golf, sailing and the opera; a big Liverpool fan",
        "Head of cardiology; runs the cancer centre and the diabetes clinic",
        "Outpatient insulin budget overran by 11% in 2026",  # the demo's Greta Holm
        "Met Christian Lund at the congress",  # a name, not a faith
        "Trained at the Catholic University in Rome",
        "Grew up in the communist era; studied in Tirana",
        "Harrastaa golfia ja puutarhanhoitoa; pitää helluntaina lomaa",  # Whitsun
        "È partito per Roma ieri; amante del jazz",  # left for Rome; a jazz lover
        "Lavora all'Università Cattolica del Sacro Cuore",
        "Direttore all'Istituto Nazionale dei Tumori",
        "Партия товара пришла в срок; обсудили ориентацию на клиента",
        "Kishte një takim me drejtorin; u rrit në regjimi komunist",
        "พรรคพวกของเขาชอบตีกอล์ฟ",  # cronies, not a party
        "ไปวัดความดันทุกเช้า",  # measuring blood pressure, not the temple
        "ส่งการ์ดคริสต์มาสให้ทีม",  # Christmas cards
        "ผู้ป่วยนอกแน่นมาก",  # outpatients
        "",
    ],
)
def test_ordinary_text_is_not_flagged(text: str) -> None:
    assert screen(text) == []


def test_clinical_words_count_only_about_the_person() -> None:
    """Interaction notes talk about the physician's work: 'diabetes' there is his field."""
    note = "Discussed insulin titration and chemotherapy protocols for the diabetes ward"
    assert screen(note, personal=False) == []
    assert found(note)["health"] == ("chemotherapy", "diabetes")
    # ... but what is said of a person counts anywhere
    assert found("He mentioned his diabetes over lunch", personal=False) == {
        "health": ("his diabetes",)
    }
    assert found("ผู้ป่วยเบาหวานมากขึ้น", personal=False) == {}


def test_a_finding_names_each_word_once_and_its_languages() -> None:
    [finding] = screen("Diabetic. DIABETIC! diabetic")
    assert finding.words == ("Diabetic",)
    assert finding.label == "health"
    assert "en" in finding.languages
    [sex] = screen("bisexual")
    assert sex.label == "sexual life"


def test_every_list_reads_and_is_of_a_useful_size() -> None:
    for language in LANGUAGES:
        terms = parse_list((LISTS / f"{language}.txt").read_text(encoding="utf-8"), language)
        categories = {t.category for t in terms}
        assert {"health", "religion", "politics", "sex_life"} <= categories, language
        assert categories <= {*CATEGORIES, "not"}
        assert len(terms) >= 40, language


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("diabetes", "a term before any"),
        ("[healthy]\nx", "unknown heading"),
        ("[health]\nab*", "too short"),
        ("[health]\nมะเร็ง x", "Thai letters only"),
    ],
)
def test_a_bad_list_line_is_named(text: str, message: str) -> None:
    with pytest.raises(ListError, match=message):
        parse_list(text, "xx")


def test_fields_are_screened_one_by_one() -> None:
    found_fields = screen_fields(
        {"hobbies": ("golf", "church choir"), "notes": "diabetes ward", "next_step": None},
        personal=("hobbies",),
    )
    assert list(found_fields) == ["hobbies"]
    assert found_fields["hobbies"][0].category == "religion"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Organised his daughter's birthday party; a party member since 1990", "party member"),
        ("A party member since 1990; organised his daughter's birthday party", "party member"),
        ("Birthday party. " * 500 + "Party member.", "Party member"),
    ],
)
def test_a_harmless_phrase_hides_only_its_own_words(text: str, word: str) -> None:
    # "birthday party" is not politics, but it does not hide a party membership elsewhere
    # in the note, before it or after it (bench/bench_screening.py: linear in the text).
    assert found(text) == {"politics": (word,)}
