// Hands the open commitments of the interactions $ids to user $to_id: she follows them up
// (FOLLOW_UP_BY) while each keeps its author (BY), so the history stays as it was logged.
// Returns how many moved.
MATCH (new:User {id: $to_id})
UNWIND $ids AS id
MATCH (i:Interaction {id: id})
OPTIONAL MATCH (i)-[old:FOLLOW_UP_BY]->(:User)
DELETE old
WITH DISTINCT new, i
MERGE (i)-[f:FOLLOW_UP_BY]->(new)
SET f.since = $today, f.recorded_by = $by, f.recorded_at = $at
RETURN count(*) AS moved
