// Returns the graph's revision: its epoch and change counter (no row before the first
// change).
MATCH (r:GraphRevision {id: 'graph'})
RETURN coalesce(r.epoch, '') + ':' + toString(r.n) AS n
