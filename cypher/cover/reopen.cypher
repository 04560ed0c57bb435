// Before KAM $user_id saves her own cover of person $person_id with no end date: if that
// cover had ended, it becomes hers again and unconfirmed, so reopening a cover a lead ended
// (or one that came from an import) needs a lead's confirmation again. Returns how many.
MATCH (:User {id: $user_id})-[c:COVERS]->(:Person {id: $person_id})
WHERE c.until IS NOT NULL
SET c.recorded_by = $user_id
REMOVE c.confirmed_by, c.confirmed_at
RETURN count(c) AS reopened
