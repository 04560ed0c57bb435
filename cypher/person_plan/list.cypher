// Returns relationship plans (at most $limit, by target date, undated last): all, those
// owned by user $owner_id, or those for person $person_id (either may be null). Each with
// its person and owner, the stages of the team's current covers of the person, and its
// steps counted: all, done, and overdue on $today.
MATCH (pl:PersonPlan)-[:PLAN_FOR]->(p:Person)
WHERE $person_id IS NULL OR p.id = $person_id
OPTIONAL MATCH (pl)-[:PLAN_OWNER]->(o:User)
WITH pl, p, o
WHERE $owner_id IS NULL OR o.id = $owner_id
ORDER BY pl.target_date IS NULL, pl.target_date, pl.id
LIMIT $limit
RETURN pl {.id, .goal, .target_stage, .target_date, .budget, .currency, .version,
           status: coalesce(pl.status, 'active'),
           person_id: p.id, person: p.name, owner_id: o.id, owner: o.name,
           stages: COLLECT { MATCH (:User)-[c:COVERS]->(p) WHERE c.until IS NULL
                             RETURN c.stage },
           steps: COUNT { MATCH (s:PersonPlanStep)-[:STEP_OF]->(pl) },
           done: COUNT { MATCH (s:PersonPlanStep)-[:STEP_OF]->(pl) WHERE s.done },
           overdue: COUNT { MATCH (s:PersonPlanStep)-[:STEP_OF]->(pl)
                            WHERE NOT coalesce(s.done, false) AND s.due_date < $today }
          } AS plan
