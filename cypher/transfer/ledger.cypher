// Transfers, newest first, with their person, event and giver: all of them, or those
// given by user $given_by, or those to person $person_id, or those with status $status
// (each filter only when not null); at most $limit.
MATCH (x:Transfer)-[:TO]->(p:Person)
WHERE ($person_id IS NULL OR p.id = $person_id)
  AND ($status IS NULL OR x.status = $status)
OPTIONAL MATCH (x)-[:GIVEN_BY]->(u:User)
WITH x, p, u
WHERE $given_by IS NULL OR u.id = $given_by
OPTIONAL MATCH (x)-[:AT]->(e:Event)
OPTIONAL MATCH (d:User {id: x.decided_by})
RETURN properties(x) AS transfer, p.id AS person_id, p.name AS person,
       e.id AS event_id, e.name AS event, u.id AS given_by, u.name AS giver,
       d.name AS decider
ORDER BY x.date DESC, x.recorded_at DESC, x.id
LIMIT $limit
