#!/usr/bin/env bash
# The fast tier: lint, types, and the tests that need no database (tests/unit and the
# doctests in kamgraph/). Seconds, no JVM. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/venv.sh dev
scripts/lint.sh
echo "== pytest (no database)"
.venv/bin/pytest -q tests/unit kamgraph "$@"
