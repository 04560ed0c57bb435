// Returns the people one of the users $users covers now (a current cover), each with their
// last contact up to $today, their segments, KOL tier, own contact boundary (`every`), and
// whether they are in the DMU of an open tender: what a contact boundary is judged from.
MATCH (u:User)-[c:COVERS]->(p:Person)
WHERE u.id IN $users AND (c.until IS NULL OR c.until >= $today)
WITH DISTINCT p
RETURN p.id AS id, p.name AS name,
  COLLECT { MATCH (i:Interaction)-[:WITH]->(p) WHERE i.date <= $today
            RETURN i.date ORDER BY i.date DESC LIMIT 1 }[0] AS last_contact,
  p.segments AS segments, p.kol_tier AS kol_tier, p.contact_every_days AS every,
  EXISTS { (p)-[:ROLE_IN]->(t:Tender) WHERE NOT t.status IN ['awarded', 'cancelled'] }
    AS in_dmu
ORDER BY p.id
