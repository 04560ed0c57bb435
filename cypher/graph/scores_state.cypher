// Returns the graph's revision (as graph/revision) and the revision the stored scores were
// computed at (no row before the first change).
MATCH (r:GraphRevision {id: 'graph'})
RETURN coalesce(r.epoch, '') + ':' + toString(r.n) AS n, r.scores_revision AS scored
