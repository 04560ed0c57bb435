// Returns the graph's change counter (no row before the first change).
MATCH (r:GraphRevision {id: 'graph'})
RETURN r.n AS n
