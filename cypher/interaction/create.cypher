// Creates interaction $row, logged BY user $user_id WITH the people $participant_ids, and
// returns its id; no row if the user or a participant is unknown (then nothing is
// written). CREATE, not MERGE: the id's uniqueness constraint refuses a second one, so an
// interaction never gains a second author. $recorded_at: the app's clock (also its
// `updated_at`); version 1.
MATCH (u:User {id: $user_id})
WITH u, [pid IN $participant_ids | COLLECT { MATCH (p:Person {id: pid}) RETURN p }[0]] AS people
WHERE none(p IN people WHERE p IS NULL)
CREATE (i:Interaction)
SET i += $row, i.recorded_at = $recorded_at, i.recorded_by = $user_id, i.version = 1,
    i.updated_at = $recorded_at
CREATE (i)-[:BY {source: 'manual', recorded_at: $recorded_at, recorded_by: $user_id}]->(u)
FOREACH (p IN people |
  CREATE (i)-[:WITH {source: 'manual', recorded_at: $recorded_at, recorded_by: $user_id}]->(p))
RETURN i.id AS id
