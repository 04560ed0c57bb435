// Moves $duplicate's symmetric __TYPE__ ties (KNOWS: stored once, either direction) to
// $keep, stored from the smaller id. Where $keep already knows the other person, $keep's
// own tie wins. With $stamp (a tie of the graph, not a link), a moved tie gets
// `updated_at` $at, so a sync by updated_since sees its new end. Returns how many were
// moved.
MATCH (dup:Person {id: $duplicate})-[r:__TYPE__]-(other:Person)
MATCH (keep:Person {id: $keep})
WHERE other <> keep
OPTIONAL MATCH (keep)-[found:__TYPE__]-(other)
WITH dup, r, other, keep, count(found) AS known
FOREACH (_ IN CASE WHEN known = 0 AND keep.id < other.id THEN [1] ELSE [] END |
  CREATE (keep)-[moved:__TYPE__]->(other) SET moved = properties(r),
      moved.updated_at = CASE WHEN $stamp THEN $at END)
FOREACH (_ IN CASE WHEN known = 0 AND other.id < keep.id THEN [1] ELSE [] END |
  CREATE (other)-[moved:__TYPE__]->(keep) SET moved = properties(r),
      moved.updated_at = CASE WHEN $stamp THEN $at END)
DELETE r
RETURN count(r) AS moved
