// Ends deputyship $id at once: by $by at $at (a deputyship already ended keeps its first
// end). Returns its id and the absent user's; no row if there is no such deputyship.
MATCH (d:Deputyship {id: $id})-[:ABSENT]->(kam:User)
SET d.ended_at = coalesce(d.ended_at, $at), d.ended_by = coalesce(d.ended_by, $by)
RETURN d.id AS id, kam.id AS user_id
