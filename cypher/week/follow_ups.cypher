// Returns user $user_id's open next steps due by $until (overdue ones too), and meetings
// they have booked from $today to $until, soonest first, with the people involved. An
// interaction is followed up by its author unless a handover gave it to someone else
// (FOLLOW_UP_BY): then by that colleague.
CALL {
  MATCH (i:Interaction)-[:BY]->(:User {id: $user_id})
  WHERE NOT EXISTS { (i)-[:FOLLOW_UP_BY]->(:User) }
  RETURN i
  UNION
  MATCH (i:Interaction)-[:FOLLOW_UP_BY]->(:User {id: $user_id})
  RETURN i
}
WITH i
WHERE (NOT coalesce(i.done, false) AND i.due_date IS NOT NULL AND i.due_date <= $until)
   OR (i.date >= $today AND i.date <= $until AND i.kind IN ['meeting', 'visit', 'call'])
WITH i, CASE WHEN i.date >= $today THEN i.date ELSE i.due_date END AS on
RETURN i {.id, .kind, .date, .due_date, .next_step, .notes, .commitments,
          on: on, overdue: on < $today, meeting: i.date >= $today, done: coalesce(i.done, false),
          people: COLLECT { MATCH (i)-[:WITH]->(p:Person) RETURN p {.id, .name} }} AS item
ORDER BY on, i.id
