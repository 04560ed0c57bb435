// Creates interaction $row (idempotent on its id: a resubmitted form changes nothing),
// logged BY user $user_id WITH the people $participant_ids; returns its id, or no row if
// the user or a participant is unknown (then nothing is written). $recorded_at: the app's clock.
MATCH (u:User {id: $user_id})
WITH u, [pid IN $participant_ids | COLLECT { MATCH (p:Person {id: pid}) RETURN p }[0]] AS people
WHERE none(p IN people WHERE p IS NULL)
MERGE (i:Interaction {id: $row.id})
ON CREATE SET i += $row, i.recorded_at = $recorded_at, i.recorded_by = $user_id
MERGE (i)-[by:BY]->(u)
ON CREATE SET by.source = 'manual', by.recorded_at = $recorded_at, by.recorded_by = $user_id
FOREACH (p IN people |
  MERGE (i)-[w:WITH]->(p)
  ON CREATE SET w.source = 'manual', w.recorded_at = $recorded_at, w.recorded_by = $user_id)
RETURN i.id AS id
