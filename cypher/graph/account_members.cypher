// Returns an organization and the people who work there now (in it or its parts), with
// their job title, our team's current covers, ties to competitors and their last contact with
// us up to $today; their segments, KOL tier and own contact boundary (`every`), and which
// standard dossier fields are filled (`known`, never the values; analytics/completeness.py).
MATCH (o:Organization {id: $id})
OPTIONAL MATCH (o)<-[:PART_OF*0..6]-(:Organization)<-[w:WORKS_AT]-(p:Person)
WHERE coalesce(w.is_current, true)
WITH o, p, collect(w.title)[0] AS title
ORDER BY p.id
RETURN o {.id, .name, .kind} AS account,
       [m IN collect(CASE WHEN p IS NULL THEN NULL ELSE {
          id: p.id, name: p.name, role: title, stance: null, evidence: null,
          covers: [(u:User)-[c:COVERS]->(p) WHERE c.until IS NULL
                   | {user_id: u.id, user_name: u.name, stage: c.stage}],
          competitors: [(p)-[x:TIES_TO]->(c:Organization) | {name: c.name, kind: x.kind}],
          last_contact: COLLECT { MATCH (i:Interaction)-[:WITH]->(p) WHERE i.date <= $today
                                  RETURN i.date ORDER BY i.date DESC LIMIT 1 }[0],
          segments: p.segments, kol_tier: p.kol_tier, every: p.contact_every_days,
          known: {birthday: p.birthday_md IS NOT NULL,
                 hobbies: size(coalesce(p.hobbies, [])) > 0,
                 family: size(coalesce(p.family, [])) > 0,
                 values: size(coalesce(p.values, [])) > 0,
                 communication: trim(coalesce(p.communication, '')) <> '',
                 dmu_type: p.dmu_type IS NOT NULL,
                 stance: EXISTS { (p)-[s:ROLE_IN]->(o:Tender) WHERE s.stance IS NOT NULL
                                  AND NOT o.status IN ['awarded', 'cancelled'] },
                 stage: EXISTS { (:User)-[c:COVERS]->(p) WHERE c.until IS NULL }}
       } END) WHERE m IS NOT NULL] AS members
