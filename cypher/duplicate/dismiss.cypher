// Records that $by looked at people $a and $b at $at and found them two people: one
// NOT_DUPLICATE tie, stored from the smaller id, so either order finds it; a pair dismissed
// before keeps its first `at` and `by`. Returns both names, `a_name` and `b_name` (smaller id
// first); no row if either person is gone.
MATCH (x:Person {id: $a}), (y:Person {id: $b})
WITH CASE WHEN x.id < y.id THEN x ELSE y END AS first,
     CASE WHEN x.id < y.id THEN y ELSE x END AS second
MERGE (first)-[r:NOT_DUPLICATE]->(second)
ON CREATE SET r.at = $at, r.by = $by
RETURN first.name AS a_name, second.name AS b_name
