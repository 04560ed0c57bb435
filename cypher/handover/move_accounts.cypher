// Hands the accounts $ids that user $from_id manages to user $to_id (recorded by $by at
// $at, also its `updated_at`). Returns how many moved.
MATCH (new:User {id: $to_id})
UNWIND $ids AS id
MATCH (:User {id: $from_id})-[m:MANAGES]->(o:Organization {id: id})
MERGE (new)-[n:MANAGES]->(o)
  ON CREATE SET n.source = 'handover', n.recorded_at = $at, n.recorded_by = $by,
                n.updated_at = $at
DELETE m
RETURN count(*) AS moved
