// Returns the newest $limit pairs dismissed as two people (NOT_DUPLICATE ties, by the
// not_duplicate_at index), newest first: each person's id and name, when (`at`) and by
// whom (`by`: a user id; `by_name`, the user's name if they still exist).
MATCH (a:Person)-[r:NOT_DUPLICATE]->(b:Person)
WHERE r.at IS NOT NULL
WITH a, r, b ORDER BY r.at DESC LIMIT $limit
OPTIONAL MATCH (u:User {id: r.by})
RETURN a.id AS a, a.name AS a_name, b.id AS b, b.name AS b_name, r.at AS at, r.by AS by,
       u.name AS by_name
ORDER BY at DESC, a, b
