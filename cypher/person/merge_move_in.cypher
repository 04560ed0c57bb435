// Moves $duplicate's incoming __TYPE__ relationships to $keep. Where $keep already has the
// same tie, $keep's own properties win. Returns how many were moved.
MATCH (other)-[r:__TYPE__]->(dup:Person {id: $duplicate})
MATCH (keep:Person {id: $keep})
MERGE (other)-[moved:__TYPE__]->(keep)
ON CREATE SET moved = properties(r)
DELETE r
RETURN count(r) AS moved
