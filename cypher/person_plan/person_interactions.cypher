// Returns the interactions with person $person_id, newest first, at most $limit: what a
// plan step may be marked done by.
MATCH (i:Interaction)-[:WITH]->(:Person {id: $person_id})
RETURN i {.id, .date, .kind, .notes} AS interaction
ORDER BY i.date DESC, i.id
LIMIT $limit
