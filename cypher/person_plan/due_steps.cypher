// Returns the open steps of the active relationship plans user $user_id owns that are due
// from $since to $until (both may be null: no bound), by due date, at most $limit: each
// with its plan and person.
MATCH (u:User {id: $user_id})<-[:PLAN_OWNER]-(pl:PersonPlan)-[:PLAN_FOR]->(p:Person)
WHERE coalesce(pl.status, 'active') = 'active'
MATCH (s:PersonPlanStep)-[:STEP_OF]->(pl)
WHERE NOT coalesce(s.done, false) AND s.due_date IS NOT NULL
  AND ($since IS NULL OR s.due_date >= $since) AND ($until IS NULL OR s.due_date <= $until)
RETURN s {.id, .what, .due_date, plan_id: pl.id, person_id: p.id, person: p.name} AS step
ORDER BY s.due_date, s.id
LIMIT $limit
