// What the transfer-of-value rules need to know about person $person_id (no row if there
// is none): their current organizations with the organizations those are part of (kind,
// country, nearest first), their roles in tenders whose status is in $open_statuses, and
// the transfers they received between $year_start and $year_end whose status is in
// $counted (amounts as exact text).
MATCH (p:Person {id: $person_id})
RETURN p.id AS id, p.name AS name,
  COLLECT { MATCH (p)-[w:WORKS_AT]->(o:Organization)
            WHERE coalesce(w.is_current, w.until IS NULL)
            MATCH path = (o)-[:PART_OF*0..6]->(a:Organization)
            RETURN {org: o.name, kind: a.kind, country: a.country, depth: length(path),
                    since: w.since} AS up
            ORDER BY up.since DESC, up.org, up.depth } AS employers,
  COLLECT { MATCH (p)-[r:ROLE_IN]->(t:Tender)
            WHERE t.status IN $open_statuses
            RETURN {title: t.title, role: r.role} AS role
            ORDER BY role.title } AS open_roles,
  COLLECT { MATCH (x:Transfer)-[:TO]->(p)
            WHERE x.date >= $year_start AND x.date <= $year_end AND x.status IN $counted
            RETURN x {.amount, .currency, .date} } AS given
