"""Search keys: names as people will type them, in any of the users' scripts.

A KAM in Helsinki types "semenov" for Семёнов, a KAM in Moscow types "Семенов" (Russian is
mostly written without ё), a KAM in Tirana types "Kellici" for Këlliçi, and a Thai KAM
types the middle of a name, ศักดิ์, for สมศักดิ์. Neo4j's full-text analyzer folds Latin
accents only. So each person, organization and tender carries a ``search_key`` beside its
name, indexed with it:

- the name's words, lower-cased, with their marks taken off (ё -> е, ά -> α, ë -> e);
- their Latin spelling (``anyascii``: Семёнов -> semenov, Ψυχογιός -> psychogios), with
  Greek ου as "ou", as names are spelt in passports;
- for Thai, the words inside each name (PyThaiNLP's dictionary segmentation: สมศักดิ์ ->
  สม ศักดิ์) and their Royal Thai General System spelling (somsak, som, sak).

The query side folds each typed word the same way (:func:`fold`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from anyascii import anyascii

KEY_VERSION = 1  # stored beside the key: a changed rule makes `db init` compute keys again
_THAI = re.compile(r"[\u0E00-\u0E7F]+")
_WORD = re.compile(r"[\w\u0E00-\u0E7F]+")  # Thai vowels and tone marks are not \w
_GREEK_OU = re.compile(r"ου", re.IGNORECASE)


def fold(word: str) -> str:
    """Case-folded without marks: 'Семёнов' -> 'семенов', 'Νικόλαος' -> 'νικολαοσ' (a final
    ς folds to σ, so either matches); Thai words are kept as written.

    >>> fold("Këlliçi"), fold("Семёнов"), fold("Ψυχογιός")
    ('kellici', 'семенов', 'ψυχογιοσ')
    """
    if _THAI.search(word):
        return word  # Thai vowels and tone marks are combining, and part of the word
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept)


def latin(word: str) -> str:
    """The Latin spelling of a word in any script, lower case, letters and digits only.

    >>> latin("Семёнов"), latin("Παπαδόπουλος"), latin("Järvinen")
    ('semenov', 'papadopoulos', 'jarvinen')
    """
    if _THAI.search(word):
        return "".join(_thai_latin(part) for part in thai_words(word))
    spelled = anyascii(_GREEK_OU.sub("ou", fold(word)))
    return "".join(c for c in spelled.lower() if c.isalnum())


def name_key(text: str | None) -> str:
    """A name part in Latin letters, its words run together: how the duplicate search
    (`kamgraph people duplicates`) groups people whose names are spelt in other scripts.

    >>> name_key("Семёнов"), name_key("Semenov"), name_key("Virtanen-Korhonen")
    ('semenov', 'semenov', 'virtanenkorhonen')
    """
    return "".join(latin(w) for w in _WORD.findall(unicodedata.normalize("NFC", text or "")))


def search_key(*texts: str | None) -> str:
    """Every form a typed word may take for these texts, space-separated, once each.

    >>> search_key("Dr. Пётр Семёнов")
    'dr петр семенов petr semenov'
    >>> search_key("สมศักดิ์ ใจดี")
    'สมศักดิ์ สม ศักดิ์ ใจดี somsak som sak chaidi'
    """
    folded: list[str] = []
    spelled: list[str] = []
    for text in texts:
        for word in _WORD.findall(unicodedata.normalize("NFC", text or "")):
            folded.append(fold(word))
            spelled.append(latin(word))
            if _THAI.fullmatch(word):
                parts = thai_words(word)
                if len(parts) > 1:
                    folded.extend(parts)
                    spelled.extend(_thai_latin(p) for p in parts)
    return " ".join(_once(w for w in (*folded, *spelled) if w))


def _once(words: Iterable[str]) -> Iterator[str]:
    seen: set[str] = set()
    for word in words:
        if word not in seen:
            seen.add(word)
            yield word


def thai_words(text: str) -> list[str]:
    """The words of a Thai text, by PyThaiNLP's dictionary segmentation (newmm)."""
    from pythainlp.tokenize import word_tokenize  # noqa: PLC0415 - loads a dictionary: Thai only

    return [w for w in word_tokenize(text, engine="newmm", keep_whitespace=False) if w.strip()]


def _thai_latin(word: str) -> str:
    from pythainlp.transliterate import romanize  # noqa: PLC0415 - Thai only

    return "".join(c for c in romanize(word, engine="royin").lower() if c.isalnum())
