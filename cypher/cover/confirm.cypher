// Confirms user $user_id's current cover of person $person_id as lead or admin $by: from now
// on it opens the person's sensitive fields to that KAM. Returns the person's id, or no row
// if there is no such cover.
MATCH (:User {id: $user_id})-[c:COVERS]->(p:Person {id: $person_id})
WHERE c.until IS NULL
SET c.confirmed_by = $by, c.confirmed_at = $at
RETURN p.id AS id
