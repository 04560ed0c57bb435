// Returns one person's dossier around their node (no row if $id is unknown): roles and
// career, committees, reporting lines, who covers them, interactions (newest first),
// tender roles, stored influence scores, who moves them and whom they move, and KNOWS ties.
MATCH (p:Person {id: $id})
RETURN properties(p) AS props,
  COLLECT { MATCH (p)-[w:WORKS_AT]->(o:Organization)
            RETURN {org_id: o.id, org: o.name, title: w.title, department: w.department,
                    current: coalesce(w.is_current, w.until IS NULL), since: w.since,
                    until: w.until,
                    country: coalesce(o.country, [(o)-[:PART_OF*1..4]->(x)
                                                  WHERE x.country IS NOT NULL | x.country][0])}
                   AS job
            ORDER BY job.current DESC, job.since DESC } AS jobs,
  COLLECT { MATCH (p)-[m:MEMBER_OF]->(o:Organization)
            RETURN {org_id: o.id, org: o.name, role: m.role} } AS memberships,
  COLLECT { MATCH (p)-[:REPORTS_TO]->(b:Person) RETURN b {.id, .name} } AS reports_to,
  COLLECT { MATCH (p)<-[:REPORTS_TO]-(r:Person) RETURN r {.id, .name} } AS reports,
  COLLECT { MATCH (u:User)-[c:COVERS]->(p)
            // A cover a KAM recorded for herself opens the sensitive fields only once a
            // lead confirms it, or if she recorded the person herself.
            RETURN {user_id: u.id, user: u.name, stage: c.stage, since: c.since,
                    until: c.until,
                    confirmed: c.recorded_by IS NULL OR c.recorded_by <> u.id
                               OR c.confirmed_by IS NOT NULL
                               OR p.recorded_by = u.id} AS cover
            ORDER BY cover.user } AS covers,
  COLLECT { MATCH (i:Interaction)-[:WITH]->(p)
            OPTIONAL MATCH (i)-[:BY]->(u:User)
            RETURN i {.id, .date, .kind, .notes, .commitments, .next_step, .due_date, .special_category,
                      done: coalesce(i.done, false), user: u.name,
                      others: COLLECT { MATCH (i)-[:WITH]->(o:Person) WHERE o <> p
                                        RETURN o {.id, .name} }} AS interaction
            ORDER BY interaction.date DESC LIMIT 50 } AS interactions,
  COLLECT { MATCH (p)-[r:ROLE_IN]->(t:Tender)
            RETURN {tender_id: t.id, title: t.title, status: t.status,
                    submission_deadline: t.submission_deadline, role: r.role,
                    stance: r.stance, evidence: r.stance_evidence} AS role
            ORDER BY role.submission_deadline DESC } AS tender_roles,
  COLLECT { MATCH (x:Person)-[r:INFLUENCES]->(p)
            RETURN {id: x.id, name: x.name, weight: r.weight, topic: r.topic,
                    evidence: r.evidence} AS tie ORDER BY tie.weight DESC } AS moved_by,
  COLLECT { MATCH (p)-[r:INFLUENCES]->(y:Person)
            RETURN {id: y.id, name: y.name, weight: r.weight, topic: r.topic,
                    evidence: r.evidence} AS tie ORDER BY tie.weight DESC } AS moves,
  COLLECT { MATCH (p)-[k:KNOWS]-(y:Person)
            RETURN {id: y.id, name: y.name, kind: k.kind, strength: k.strength,
                    until: k.until} AS tie ORDER BY tie.strength DESC } AS knows
