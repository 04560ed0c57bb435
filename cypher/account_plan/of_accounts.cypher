// Returns the plans of the accounts $ids: account_id, plan_id, owner_name, objectives
// (how many), for the accounts list.
MATCH (plan:AccountPlan)-[:FOR_ACCOUNT]->(o:Organization)
WHERE o.id IN $ids
OPTIONAL MATCH (plan)-[:OWNED_BY]->(owner:User)
RETURN o.id AS account_id, plan.id AS plan_id, owner.name AS owner_name,
       size(coalesce(plan.objectives, [])) AS objectives
ORDER BY account_id, plan_id
