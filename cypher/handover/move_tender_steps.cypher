// Hands the open tender plan steps $keys ("tender id/step key") that user $from_id owns to
// user $to_id, noting who changed them and when ($by, $at). Returns how many moved.
MATCH (new:User {id: $to_id})
UNWIND $keys AS key
MATCH (:User {id: $from_id})<-[r:OWNED_BY]-(s:PlanStep)<-[:HAS_STEP]-(t:Tender)
WHERE t.id + '/' + s.key = key
DELETE r
MERGE (s)-[:OWNED_BY]->(new)
SET s.changed_by = $by, s.changed_at = $at
RETURN count(*) AS moved
