// Moves $duplicate's outgoing __TYPE__ relationships to $keep. Where $keep already has
// the same tie, $keep's own properties win. With $stamp (a tie of the graph, not a
// link), a moved tie gets `updated_at` $at, so a sync by updated_since sees its new end.
// Returns how many were moved.
MATCH (dup:Person {id: $duplicate})-[r:__TYPE__]->(other)
MATCH (keep:Person {id: $keep})
MERGE (keep)-[moved:__TYPE__]->(other)
ON CREATE SET moved = properties(r),
              moved.updated_at = CASE WHEN $stamp THEN $at END
DELETE r
RETURN count(r) AS moved
