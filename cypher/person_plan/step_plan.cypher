// Returns the plan and person of plan step $id (no row if there is none).
MATCH (s:PersonPlanStep {id: $id})-[:STEP_OF]->(pl:PersonPlan)-[:PLAN_FOR]->(p:Person)
RETURN pl.id AS plan_id, p.id AS person_id
