#!/usr/bin/env bash
# Create or refresh .venv and install kamgraph into it (editable).
# Usage: scripts/venv.sh [dev]    "dev" adds the [dev] extra (pytest, ruff, pyright, ...).
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
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet --editable ".${extra}"
