// Returns the plan of an account (its first by id, if several), with its owner's name:
// plan_id, owner_name. No row if the account has no plan.
MATCH (plan:AccountPlan)-[:FOR_ACCOUNT]->(:Organization {id: $id})
OPTIONAL MATCH (plan)-[:OWNED_BY]->(owner:User)
RETURN plan.id AS plan_id, owner.name AS owner_name
ORDER BY plan_id
LIMIT 1
