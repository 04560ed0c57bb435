// Interaction $id for its brief: date, kind, objective, agenda, its author, and the ids of
// the people met.
MATCH (i:Interaction {id: $id})
RETURN i {.id, .date, .kind, .notes, .objective, .agenda, .next_step} AS interaction,
       [(i)-[:BY]->(u:User) | u.id][0] AS user_id,
       [(i)-[:WITH]->(p:Person) | p.id] AS participant_ids
