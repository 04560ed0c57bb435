#!/usr/bin/env bash
# The whole test suite: refresh the venv with [dev], lint, type-check, then pytest on a
# throwaway Neo4j (its own KAMGRAPH_HOME and a free port), stopped and removed at the end.
# That includes the date-sensitive tests at six fixed days (tests/integration/
# test_calendar_days.py); the rest run at one fixed day (tests/conftest.py, --today).
# Extra arguments go to pytest, e.g. scripts/test.sh -k schema, or --today=2028-02-29
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/venv.sh dev
bin=.venv/bin

# A throwaway database, never the developer's own: ignore any configured Neo4j.
unset KAMGRAPH_HOME KAMGRAPH_NEO4J_URI KAMGRAPH_NEO4J_USER KAMGRAPH_NEO4J_PASSWORD \
      KAMGRAPH_NEO4J_DATABASE
KAMGRAPH_TEST_HOME="$(mktemp -d -t kamgraph-test.XXXXXX)"
export KAMGRAPH_TEST_HOME
cleanup() {
    KAMGRAPH_HOME="$KAMGRAPH_TEST_HOME" "$bin/kamgraph" db stop >/dev/null 2>&1 || true
    rm -rf "$KAMGRAPH_TEST_HOME"
}
trap cleanup EXIT

scripts/lint.sh
# The browser tests drive Debian's Chromium (Playwright's own browser download is not used).
if [ -z "${CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
    echo "== chromium (Debian package, for the browser tests)"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -q
    $sudo apt-get install -y -q chromium
fi
echo "== neo4j"
KAMGRAPH_HOME="$KAMGRAPH_TEST_HOME" "$bin/kamgraph" db start --bolt-port 0
echo "== pytest"
"$bin/pytest" "$@"
