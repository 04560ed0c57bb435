// Returns which of the pairs $pairs ([id, id] lists) were dismissed as two people (a
// NOT_DUPLICATE tie either way): `a`, `b` as given. Indexed lookups, a row per pair asked.
UNWIND $pairs AS pair
MATCH (:Person {id: pair[0]})-[:NOT_DUPLICATE]-(:Person {id: pair[1]})
RETURN DISTINCT pair[0] AS a, pair[1] AS b
