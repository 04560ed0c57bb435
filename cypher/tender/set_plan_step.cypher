// Sets the state of plan step $key of tender $id: done ($done true or false; null leaves
// it) and its owner ($owner_id a user id, '' for nobody; null leaves it), with who and
// when. No row if there is no such tender.
MATCH (t:Tender {id: $id})
MERGE (t)-[:HAS_STEP]->(s:PlanStep {key: $key})
SET s.done = coalesce($done, s.done, false), s.changed_by = $by, s.changed_at = $at
WITH s
OPTIONAL MATCH (s)-[old:OWNED_BY]->()
FOREACH (_ IN CASE WHEN $owner_id IS NULL OR old IS NULL THEN [] ELSE [1] END | DELETE old)
WITH DISTINCT s
OPTIONAL MATCH (u:User {id: $owner_id})
FOREACH (_ IN CASE WHEN u IS NULL THEN [] ELSE [1] END | MERGE (s)-[:OWNED_BY]->(u))
RETURN s.key AS key
