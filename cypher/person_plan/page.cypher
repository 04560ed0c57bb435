// Returns relationship plan $id (no row if there is none): its properties, its person and
// owner, the ladder stages of the team's current covers of the person, and its steps
// (by due date, undated last) with the interactions that did them.
MATCH (pl:PersonPlan {id: $id})-[:PLAN_FOR]->(p:Person)
OPTIONAL MATCH (pl)-[:PLAN_OWNER]->(o:User)
RETURN pl {.id, .goal, .target_stage, .target_date, .budget, .currency, .version,
           status: coalesce(pl.status, 'active'),
           person_id: p.id, person: p.name, owner_id: o.id, owner: o.name,
           stages: COLLECT { MATCH (:User)-[c:COVERS]->(p) WHERE c.until IS NULL
                             RETURN c.stage },
           steps: COLLECT { MATCH (s:PersonPlanStep)-[:STEP_OF]->(pl)
                            RETURN s {.id, .what, .due_date, .version,
                                      done: coalesce(s.done, false),
                                      interactions: COLLECT {
                                        MATCH (s)-[:DONE_IN]->(i:Interaction)
                                        RETURN i {.id, .date, .kind, .notes} ORDER BY i.date } }
                            ORDER BY s.due_date IS NULL, s.due_date, s.id }
          } AS plan
