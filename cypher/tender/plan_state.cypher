// The stored state of tender $id's preparation-plan steps: key, done, owner (id, name).
MATCH (:Tender {id: $id})-[:HAS_STEP]->(s:PlanStep)
OPTIONAL MATCH (s)-[:OWNED_BY]->(u:User)
RETURN s.key AS key, coalesce(s.done, false) AS done, u.id AS owner_id, u.name AS owner
