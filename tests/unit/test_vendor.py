"""The vendored fonts are the files their README names, whole, and every rule points at one."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

FONTS = Path(__file__).resolve().parents[2] / "web" / "static" / "vendor" / "fonts"


def test_every_font_file_has_the_recorded_checksum() -> None:
    lines = (FONTS / "SHA256SUMS").read_text().splitlines()
    recorded = {name: digest for digest, name in (line.split("  ", 1) for line in lines)}
    files = {p.name for p in FONTS.glob("*.woff2")}
    assert files == set(recorded)
    for name, digest in recorded.items():
        assert hashlib.sha256((FONTS / name).read_bytes()).hexdigest() == digest, name


def test_the_stylesheet_covers_latin_cyrillic_greek_and_thai_with_files_that_exist() -> None:
    css = (FONTS / "fonts.css").read_text()
    named = re.findall(r"src: url\(([^)]+)\)", css)
    assert named
    assert all((FONTS / n).is_file() for n in named)
    for script in ("latin-ext", "cyrillic", "greek", "thai"):
        assert any(script in n for n in named), script
    assert "U+0E01-0E5B" in css  # the Thai block
