// Moves $duplicate's incoming __TYPE__ relationships to $keep. Where $keep already has
// the same tie, $keep's own properties win. With $stamp (a tie of the graph, not a
// link), a moved tie gets `updated_at` $at, so a sync by updated_since sees its new end.
// Returns how many were moved.
MATCH (other)-[r:__TYPE__]->(dup:Person {id: $duplicate})
MATCH (keep:Person {id: $keep})
MERGE (other)-[moved:__TYPE__]->(keep)
ON CREATE SET moved = properties(r),
              moved.updated_at = CASE WHEN $stamp THEN $at END
DELETE r
RETURN count(r) AS moved
