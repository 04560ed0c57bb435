// Returns what user $user_id's personal calendar feed holds: the people they cover now
// (for birthdays), the interactions whose open next steps they follow up (with
// participant ids), the tenders whose DMU includes someone they cover, and the stored
// state of those tenders' plan steps (done, owner).
MATCH (u:User {id: $user_id})
RETURN
  COLLECT { MATCH (u)-[c:COVERS]->(p:Person) WHERE c.until IS NULL
            RETURN DISTINCT properties(p) } AS people,
  COLLECT { MATCH (i:Interaction)-[:BY|FOLLOW_UP_BY]->(u)
            WHERE i.due_date IS NOT NULL AND NOT coalesce(i.done, false)
              // followed up by its author unless a handover gave it to someone else
              AND (EXISTS { (i)-[:FOLLOW_UP_BY]->(u) }
                   OR NOT EXISTS { (i)-[:FOLLOW_UP_BY]->(:User) })
            RETURN DISTINCT i {.id, .due_date, .next_step, done: false,
                      participant_ids: COLLECT { MATCH (i)-[:WITH]->(p:Person) RETURN p.id }} } AS interactions,
  COLLECT { MATCH (u)-[c:COVERS]->(:Person)-[:ROLE_IN]->(t:Tender) WHERE c.until IS NULL
            RETURN DISTINCT properties(t) } AS tenders,
  COLLECT { MATCH (u)-[c:COVERS]->(:Person)-[:ROLE_IN]->(t:Tender)-[:HAS_STEP]->(s:PlanStep)
            WHERE c.until IS NULL
            RETURN DISTINCT {tender_id: t.id, key: s.key, done: coalesce(s.done, false),
                             owner_id: [(s)-[:OWNED_BY]->(o:User) | o.id][0]} } AS steps
