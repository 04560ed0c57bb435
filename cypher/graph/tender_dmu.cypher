// Returns a tender and its DMU: each member's role, stance and evidence, who on our team
// covers them now at which stage, their ties to competitors, and their last contact with
// us up to $today; their segments, KOL tier and own contact boundary (`every`), and which
// standard dossier fields are filled (`known`, never the values; analytics/completeness.py).
MATCH (t:Tender {id: $id})
OPTIONAL MATCH (p:Person)-[r:ROLE_IN]->(t)
WITH t, p, r
ORDER BY p.id
RETURN t {.id, .title, .status, .submission_deadline} AS tender,
       [m IN collect(CASE WHEN p IS NULL THEN NULL ELSE {
          id: p.id, name: p.name, role: r.role, stance: r.stance, evidence: r.stance_evidence,
          covers: [(u:User)-[c:COVERS]->(p) WHERE c.until IS NULL
                   | {user_id: u.id, user_name: u.name, stage: c.stage}],
          competitors: [(p)-[x:TIES_TO]->(o:Organization) | {name: o.name, kind: x.kind}],
          last_contact: COLLECT { MATCH (i:Interaction)-[:WITH]->(p) WHERE i.date <= $today
                                  RETURN i.date ORDER BY i.date DESC LIMIT 1 }[0],
          segments: p.segments, kol_tier: p.kol_tier, every: p.contact_every_days,
          known: {birthday: p.birthday_md IS NOT NULL,
                 hobbies: size(coalesce(p.hobbies, [])) > 0,
                 family: size(coalesce(p.family, [])) > 0,
                 values: size(coalesce(p.values, [])) > 0,
                 communication: trim(coalesce(p.communication, '')) <> '',
                 dmu_type: p.dmu_type IS NOT NULL,
                 stance: r.stance IS NOT NULL,
                 stage: EXISTS { (:User)-[c:COVERS]->(p) WHERE c.until IS NULL }}
       } END) WHERE m IS NOT NULL] AS members
