// Returns the key people for the team coverage page: the $top most influential people
// (stored scores) and every member of a tender's DMU whose tender is still open, each with
// their tenders (and role in each), their current organization and the account it belongs
// to (the top of its PART_OF chain), who covers them, and their last contact up to $today;
// their segments, KOL tier and own contact boundary (`every`), and which standard dossier
// fields are filled (`known`, never the values; analytics/completeness.py).
CALL () {
  MATCH (p:Person) WHERE p.influence IS NOT NULL
  RETURN p ORDER BY p.influence DESC LIMIT $top
  UNION
  MATCH (p:Person)-[:ROLE_IN]->(t:Tender) WHERE NOT t.status IN ['awarded', 'cancelled']
  RETURN p
}
WITH DISTINCT p
RETURN p.id AS id, p.name AS name, p.influence AS influence, p.influence_rank AS rank,
  COLLECT { MATCH (p)-[r:ROLE_IN]->(t:Tender) WHERE NOT t.status IN ['awarded', 'cancelled']
            RETURN {id: t.id, title: t.title, role: r.role, stance: r.stance} } AS tenders,
  COLLECT { MATCH (p)-[w:WORKS_AT]->(o:Organization) WHERE coalesce(w.is_current, true)
            OPTIONAL MATCH (o)-[:PART_OF*1..3]->(top:Organization)
            WHERE NOT (top)-[:PART_OF]->()
            RETURN {id: o.id, name: o.name, title: w.title,
                    account_id: coalesce(top.id, o.id), account: coalesce(top.name, o.name)}
            LIMIT 1 }[0] AS job,
  [(u:User)-[c:COVERS]->(p) WHERE c.until IS NULL
   | {user_id: u.id, user_name: u.name, stage: c.stage}] AS covers,
  COLLECT { MATCH (i:Interaction)-[:WITH]->(p) WHERE i.date <= $today
            RETURN i.date ORDER BY i.date DESC LIMIT 1 }[0] AS last_contact,
  p.segments AS segments, p.kol_tier AS kol_tier, p.contact_every_days AS every,
  {birthday: p.birthday_md IS NOT NULL,
   hobbies: size(coalesce(p.hobbies, [])) > 0,
   family: size(coalesce(p.family, [])) > 0,
   values: size(coalesce(p.values, [])) > 0,
   communication: trim(coalesce(p.communication, '')) <> '',
   dmu_type: p.dmu_type IS NOT NULL,
   stance: EXISTS { (p)-[s:ROLE_IN]->(o:Tender) WHERE s.stance IS NOT NULL
                    AND NOT o.status IN ['awarded', 'cancelled'] },
   stage: EXISTS { (:User)-[c:COVERS]->(p) WHERE c.until IS NULL }} AS known
ORDER BY influence DESC
