#!/usr/bin/env bash
# The web app's message catalogues (kamgraph/translations/, gettext via Flask-Babel).
#   scripts/i18n.sh extract [FILE]  collect the marked strings into messages.pot (or FILE)
#   scripts/i18n.sh update    extract, then merge messages.pot into every language's .po
#   scripts/i18n.sh compile   the .mo files the app reads, with each language's statistics
#   scripts/i18n.sh add LANG  start a new language (then add it to models.LOCALES)
# tests/unit/test_translations.py fails when a catalogue is stale, incomplete or uncompiled.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}  # where pybabel is: the project's venv unless told
DIR=kamgraph/translations
POT=$DIR/messages.pot

extract() {
  "$BIN/pybabel" extract -F babel.cfg -k _l -k lazy_gettext -k N_ -k NP_:1c,2 \
    --no-location --sort-output --omit-header -o "${1:-$POT}" .
}

case "${1:-}" in
  extract) extract "${2:-}" ;;
  update)
    extract
    "$BIN/pybabel" update -i "$POT" -d "$DIR" --no-fuzzy-matching
    ;;
  compile) "$BIN/pybabel" compile -d "$DIR" --statistics ;;
  add)
    extract
    "$BIN/pybabel" init -i "$POT" -d "$DIR" -l "${2:?which language (e.g. de)?}"
    ;;
  *) sed -n '2,7p' "$0" >&2; exit 2 ;;
esac
