"""The web app's catalogues: current with the code, complete in every language, compiled.

`scripts/i18n.sh update` refreshes them after a change to the marked strings, translators
fill the `.po` files, and `scripts/i18n.sh compile` writes the `.mo` files the app reads.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from kamgraph.models import LOCALES

ROOT = Path(__file__).resolve().parents[2]
DIR = ROOT / "kamgraph" / "translations"
TRANSLATED = [lang for lang in LOCALES if lang != "en"]


def _catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _po(lang: str) -> Path:
    return DIR / lang / "LC_MESSAGES" / "messages.po"


def test_the_template_holds_every_marked_string(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        ["bash", "scripts/i18n.sh", "extract", str(fresh)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={**os.environ, "BIN": str(Path(sys.executable).parent)},
    )
    committed = {(m.context, str(m.id)) for m in _catalog(DIR / "messages.pot") if m.id}
    current = {(m.context, str(m.id)) for m in _catalog(fresh) if m.id}
    assert current - committed == set(), "marked but not extracted: run scripts/i18n.sh update"
    assert committed - current == set(), "extracted but gone: run scripts/i18n.sh update"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated_with_its_placeholders(lang: str) -> None:
    template = {(m.context, str(m.id)) for m in _catalog(DIR / "messages.pot") if m.id}
    catalog = _catalog(_po(lang), lang)
    entries = {(m.context, str(m.id)): m for m in catalog if m.id}
    assert template - entries.keys() == set(), f"{lang}: run scripts/i18n.sh update"
    untranslated = [k for k, m in entries.items() if k in template and not _done(m.string)]
    assert untranslated == [], f"{lang}: {len(untranslated)} untranslated, e.g. {untranslated[:3]}"
    fuzzy = [k for k, m in entries.items() if k in template and m.fuzzy]
    assert fuzzy == [], f"{lang}: fuzzy entries {fuzzy[:3]}"
    problems = [str(m.id) for m, errors in catalog.check() if errors]
    assert problems == [], f"{lang}: {problems[:3]}"


def _done(string: str | tuple[str, ...] | list[str] | None) -> bool:
    """A translation, with every plural form filled."""
    return all(string) if isinstance(string, tuple | list) else bool(string)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_compiled_catalogue_is_the_translation(lang: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _catalog(_po(lang), lang), use_fuzzy=False)
    mo = _po(lang).with_suffix(".mo")
    assert mo.is_file(), f"run scripts/i18n.sh compile ({lang})"
    assert mo.read_bytes() == compiled.getvalue(), f"{lang}: run scripts/i18n.sh compile"


def test_russian_has_three_plural_forms_and_thai_one() -> None:
    assert _catalog(_po("ru"), "ru").num_plurals == 3
    assert _catalog(_po("th"), "th").num_plurals == 1
