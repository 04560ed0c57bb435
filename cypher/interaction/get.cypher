// Interaction $id for its brief: date, kind, objective, agenda, its author, and the ids of
// the people met.
MATCH (i:Interaction {id: $id})
RETURN i.id AS id, i.date AS date, i.kind AS kind, i.notes AS notes,
       i.objective AS objective, i.agenda AS agenda, i.next_step AS next_step,
       [(i)-[:BY]->(u:User) | u.id][0] AS user_id,
       [(i)-[:WITH]->(p:Person) | p.id] AS participant_ids
