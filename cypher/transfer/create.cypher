// Records a transfer: $props (its properties, id included) to person $person_id, given by
// user $given_by, at event $event_id if not null. A transfer with this id already stored
// (a resubmitted form) is left as it is: created is false. No row if the person, the user
// or a named event is missing.
MATCH (p:Person {id: $person_id})
MATCH (u:User {id: $given_by})
OPTIONAL MATCH (e:Event {id: $event_id})
WITH p, u, e
WHERE $event_id IS NULL OR e IS NOT NULL
OPTIONAL MATCH (old:Transfer {id: $props.id})
CALL (p, u, e, old) {
  WITH p, u, e, old
  WHERE old IS NULL
  CREATE (x:Transfer)
  SET x = $props
  CREATE (x)-[:TO]->(p)
  CREATE (x)-[:GIVEN_BY]->(u)
  FOREACH (_ IN CASE WHEN e IS NULL THEN [] ELSE [1] END | CREATE (x)-[:AT]->(e))
  RETURN count(x) AS made
}
RETURN $props.id AS id, made = 1 AS created
