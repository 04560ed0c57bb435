// Counts one more change to the graph's contents (people, organizations, ties, ...), so
// analysis graphs know to rebuild. Audit entries and stored scores do not count. The
// epoch tells a wiped and refilled database from the one before, whose counter it repeats.
MERGE (r:GraphRevision {id: 'graph'})
ON CREATE SET r.epoch = randomUUID()
SET r.n = coalesce(r.n, 0) + 1
