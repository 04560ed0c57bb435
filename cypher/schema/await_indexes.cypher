// Waits (up to 300 s) until every index is online, so the first query after `db init` uses it.
CALL db.awaitIndexes(300)
