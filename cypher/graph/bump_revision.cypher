// Counts one more change to the graph's contents (people, organizations, ties, ...), so
// cached projections know to rebuild. Audit entries and stored scores do not count.
MERGE (r:GraphRevision {id: 'graph'})
SET r.n = coalesce(r.n, 0) + 1
