// What a handover from user $from_id would move, as {id, name} lists sorted by name: her
// current covers (people), the accounts she manages, her active relationship plans (named
// by their person), the account plans she owns (by their account), the proposals she
// authored that are not closed (status not in $closed), her open commitments (open next
// steps and meetings booked from $today on that she follows up: her own unless handed to
// someone, or handed to her; named by their next step) and the open tender plan steps she
// owns (id "tender/key"). No row if there is no such user.
MATCH (u:User {id: $from_id})
RETURN
  COLLECT { MATCH (u)-[c:COVERS]->(p:Person) WHERE c.until IS NULL OR c.until >= $today
            RETURN DISTINCT {id: p.id, name: p.name} AS x ORDER BY x.name, x.id } AS covers,
  COLLECT { MATCH (u)-[:MANAGES]->(o:Organization)
            RETURN DISTINCT {id: o.id, name: o.name} AS x ORDER BY x.name, x.id } AS accounts,
  COLLECT { MATCH (u)<-[:PLAN_OWNER]-(pl:PersonPlan)-[:PLAN_FOR]->(p:Person)
            WHERE coalesce(pl.status, 'active') = 'active'
            RETURN {id: pl.id, name: p.name} AS x ORDER BY x.name, x.id } AS person_plans,
  COLLECT { MATCH (u)<-[:OWNED_BY]-(ap:AccountPlan)
            OPTIONAL MATCH (ap)-[:FOR_ACCOUNT]->(o:Organization)
            RETURN {id: ap.id, name: coalesce(o.name, ap.id)} AS x ORDER BY x.name, x.id }
    AS account_plans,
  COLLECT { MATCH (u)<-[:AUTHORED_BY]-(x:Proposal) WHERE NOT x.status IN $closed
            RETURN {id: x.id, name: x.title} AS y ORDER BY y.name, y.id } AS proposals,
  COLLECT { MATCH (i:Interaction)-[:BY|FOLLOW_UP_BY]->(u)
            WHERE ((NOT coalesce(i.done, false) AND i.due_date IS NOT NULL)
                   OR (i.date >= $today AND i.kind IN ['meeting', 'visit', 'call']))
              AND (EXISTS { (i)-[:FOLLOW_UP_BY]->(u) }
                   OR NOT EXISTS { (i)-[:FOLLOW_UP_BY]->(:User) })
            RETURN DISTINCT {id: i.id, name: coalesce(i.next_step, i.notes, i.kind)} AS x
            ORDER BY x.name, x.id } AS follow_ups,
  COLLECT { MATCH (u)<-[:OWNED_BY]-(s:PlanStep)<-[:HAS_STEP]-(t:Tender)
            WHERE NOT coalesce(s.done, false)
            RETURN {id: t.id + '/' + s.key, name: t.title, key: s.key} AS x
            ORDER BY x.name, x.id } AS tender_steps
