// Hands user $from_id's current covers of the people $ids to user $to_id: each becomes
// the receiver's (at the same ladder stage, since $today, recorded by $by at $at) unless she
// covers the person already, and the leaver's ends on $yesterday (kept as history: from
// $today the receiver covers the person, and the leaver no longer reads them through it).
// Returns how many moved.
MATCH (new:User {id: $to_id})
UNWIND $ids AS id
MATCH (:User {id: $from_id})-[c:COVERS]->(p:Person {id: id})
WHERE c.until IS NULL OR c.until >= $today
WITH new, c, p,
     EXISTS { MATCH (new)-[m:COVERS]->(p) WHERE m.until IS NULL OR m.until >= $today } AS already
FOREACH (_ IN CASE WHEN already THEN [] ELSE [1] END |
  MERGE (new)-[n:COVERS]->(p)
  SET n.stage = c.stage, n.since = $today, n.until = null, n.source = 'handover',
      n.recorded_at = $at, n.recorded_by = $by, n.confirmed_by = null)
SET c.until = $yesterday
RETURN count(c) AS moved
