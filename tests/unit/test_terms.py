"""Every coded value a page shows has its translatable word, and only known codes do."""

from __future__ import annotations

from kamgraph import terms


def test_each_group_words_exactly_its_vocabulary() -> None:
    assert terms.TERMS.keys() == terms.VOCABULARIES.keys()
    for group, codes in terms.VOCABULARIES.items():
        assert tuple(terms.TERMS[group]) == codes, group


def test_english_words() -> None:
    assert terms.english("ladder stage", "near_friendship") == "near-friendship"
    assert terms.english("tender status", "clarification") == "clarification"
    assert terms.english("stance", None) == ""
    assert terms.english("stance", "undecided_yet") == "undecided yet"  # an older import's code
