// Hands user $from_id's relationship plans and account plans $ids to user $to_id as their
// owner; each plan's version goes up (`updated_at` $at), so a form read before the handover is stale. Returns
// how many moved.
MATCH (new:User {id: $to_id})
UNWIND $ids AS id
MATCH (:User {id: $from_id})<-[r:PLAN_OWNER|OWNED_BY]-(plan {id: id})
WHERE plan:PersonPlan OR plan:AccountPlan
DELETE r
WITH new, plan, type(r) AS kind
FOREACH (_ IN CASE WHEN kind = 'PLAN_OWNER' THEN [1] ELSE [] END |
  MERGE (plan)-[:PLAN_OWNER]->(new))
FOREACH (_ IN CASE WHEN kind = 'OWNED_BY' THEN [1] ELSE [] END |
  MERGE (plan)-[:OWNED_BY]->(new))
SET plan.version = coalesce(plan.version, 1) + 1, plan.updated_at = $at
RETURN count(*) AS moved
