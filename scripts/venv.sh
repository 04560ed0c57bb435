#!/usr/bin/env bash
# Create or refresh .venv and install kamgraph into it (editable).
# Usage: scripts/venv.sh [dev]    "dev" adds the [dev] extra (pytest, ruff, pyright, ...).
# A venv already installed from the same pyproject.toml (and extra) is left as it is, so
# `make check` and `make test` start in a second; delete .venv to force a reinstall.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "kamgraph needs Python 3.11 or newer; set PYTHON=/path/to/python3.11" >&2
    exit 1
fi
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
extra=""
if [ "${1:-}" = "dev" ]; then
    extra="[dev]"
fi
stamp=.venv/.kamgraph-installed
want="$(sha256sum pyproject.toml | cut -d' ' -f1) ${extra:-[]}"
# A dev install also serves a plain one; a plain one does not serve dev.
if [ -f "$stamp" ] && { [ "$(cat "$stamp")" = "$want" ] ||
    { [ -z "$extra" ] && [ "$(cat "$stamp")" = "${want% *} [dev]" ]; }; }; then
    exit 0
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet --editable ".${extra}"
echo "$want" > "$stamp"
