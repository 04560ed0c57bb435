#!/usr/bin/env bash
# The whole test suite: refresh the venv with [dev], lint, type-check, then pytest on a
# throwaway Neo4j (its own KAMGRAPH_HOME and a free port), stopped and removed at the end.
# Extra arguments go to pytest, e.g. scripts/test.sh -k schema
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

echo "== ruff"
"$bin/ruff" check .
"$bin/ruff" format --check .
echo "== pyright"
"$bin/pyright"
echo "== neo4j"
KAMGRAPH_HOME="$KAMGRAPH_TEST_HOME" "$bin/kamgraph" db start --bolt-port 0
echo "== pytest"
"$bin/pytest" "$@"
