# The two commands a newcomer needs (see README.md):
#   make run    the web app on a local Neo4j with demo data, at http://127.0.0.1:5000
#   make test   lint, type check, and the whole test suite on a throwaway Neo4j
# and one for developers between edits:
#   make check  lint, type check and the tests that need no database (seconds)

BIN := .venv/bin

.PHONY: run test check

run:
	scripts/venv.sh
	$(BIN)/kamgraph db start
	$(BIN)/kamgraph db init
	$(BIN)/kamgraph seed demo
	$(BIN)/kamgraph analyze refresh
	$(BIN)/kamgraph serve --host 127.0.0.1 --port 5000

test:
	scripts/test.sh

check:
	scripts/check.sh
