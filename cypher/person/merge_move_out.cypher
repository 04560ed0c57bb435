// Moves $duplicate's outgoing __TYPE__ relationships to $keep. Where $keep already has the
// same tie, $keep's own properties win. Returns how many were moved.
MATCH (dup:Person {id: $duplicate})-[r:__TYPE__]->(other)
MATCH (keep:Person {id: $keep})
MERGE (keep)-[moved:__TYPE__]->(other)
ON CREATE SET moved = properties(r)
DELETE r
RETURN count(r) AS moved
