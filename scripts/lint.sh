#!/usr/bin/env bash
# Lint, format check and strict type check: the first step of `make check` and `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
echo "== ruff"
"$bin/ruff" check .
"$bin/ruff" format --check .
echo "== pyright"
"$bin/pyright"
echo "== import contracts (.importlinter: the layers of ARCHITECTURE.md)"
"$bin/lint-imports" --no-cache
