// Returns user $user_id's proposals sent on or before $sent_by that nobody has confirmed
// yet (done is false): the "call a day later" rule.
MATCH (i:Interaction {kind: 'proposal'})-[:BY]->(:User {id: $user_id})
WHERE NOT coalesce(i.done, false) AND i.date <= $sent_by
RETURN i {.id, .date, .notes, .commitments, .next_step,
          people: COLLECT { MATCH (i)-[:WITH]->(p:Person) RETURN p {.id, .name} }} AS proposal
ORDER BY i.date
