// Returns an event (id, name, kind, dates, city), how many people took part in it
// (`total`), and up to $limit of them, speakers first, then by name: whether they spoke and
// on what, their current job and organization, their stances in open tenders (with each
// tender's title, the nearest deadline first), our team's current covers and their last
// contact with us up to $today, their segments, KOL tier and own contact boundary (`every`),
// as the coverage tables read them (cypher/graph/account_members.cypher).
MATCH (e:Event {id: $id})
CALL (e) {
  MATCH (p:Person)-[r:ATTENDED|SPOKE_AT]->(e)
  WITH p, collect(type(r)) AS types, [t IN collect(r.topic) WHERE t IS NOT NULL][0] AS topic
  WITH p, 'SPOKE_AT' IN types AS spoke, topic
  ORDER BY spoke DESC, p.name, p.id
  RETURN count(p) AS total, collect({p: p, spoke: spoke, topic: topic})[..$limit] AS listed
}
CALL (listed) {
  UNWIND listed AS x
  WITH x.p AS p, x.spoke AS spoke, x.topic AS topic
  RETURN collect(p {
    .id, .name, spoke: spoke, topic: topic,
    job: COLLECT { MATCH (p)-[w:WORKS_AT]->(o:Organization)
                   WHERE coalesce(w.is_current, true)
                   RETURN {title: w.title, org_id: o.id, org_name: o.name}
                   ORDER BY o.name LIMIT 1 }[0],
    stances: COLLECT { MATCH (p)-[s:ROLE_IN]->(t:Tender)
                       WHERE s.stance IS NOT NULL
                         AND NOT coalesce(t.status, '') IN ['awarded', 'cancelled']
                       RETURN {stance: s.stance, tender_id: t.id, tender: t.title}
                       ORDER BY t.submission_deadline, t.id },
    covers: [(u:User)-[c:COVERS]->(p) WHERE c.until IS NULL
             | {user_id: u.id, user_name: u.name, stage: c.stage}],
    last_contact: COLLECT { MATCH (i:Interaction)-[:WITH]->(p) WHERE i.date <= $today
                            RETURN i.date ORDER BY i.date DESC LIMIT 1 }[0],
    segments: p.segments, kol_tier: p.kol_tier, every: p.contact_every_days
  }) AS people
}
RETURN e {.id, .name, .kind, .starts_on, .ends_on, .city} AS event, total, people
