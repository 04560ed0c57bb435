// Interaction $id for its brief and the API: date, kind, notes, objective, agenda, what
// was promised, the next step (due, done), its author, the ids of the people met, its
// version (1 if logged before versions were kept) and the time of its last change.
MATCH (i:Interaction {id: $id})
RETURN i.id AS id, i.date AS date, i.kind AS kind, i.notes AS notes,
       i.objective AS objective, i.agenda AS agenda, i.next_step AS next_step,
       i.commitments AS commitments, i.due_date AS due_date, i.done AS done,
       coalesce(i.version, 1) AS version, i.updated_at AS updated_at,
       [(i)-[:BY]->(u:User) | u.id][0] AS user_id,
       [(i)-[:WITH]->(p:Person) | p.id] AS participant_ids
