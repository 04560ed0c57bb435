// Conflicts of interest in the tenders $tender_ids, per DMU member and tender:
// - ties to a competitor whose product is in the tender: `kind` 'ties' (a TIES_TO,
//   `role_as` its kind: consultant, speaker, ...), 'worked' (a past WORKS_AT there,
//   `role_as` its title), or 'family' (a family KNOWS to someone who works or is tied
//   there, `relative` their name);
// - 'transfers': transfers of value from us, recorded or approved, dated after $since and
//   up to $today (the last 12 months), as `count` and `minor` (cents) per `currency`.
UNWIND $tender_ids AS tender_id
MATCH (t:Tender {id: tender_id})<-[:ROLE_IN]-(p:Person)
CALL (t, p) {
  MATCH (t)-[:FOR]->(product:Product)-[:MADE_BY]->(c:Organization {kind: 'competitor'})
  WITH p, c, collect(product.name) AS products
  CALL (p, c) {
    MATCH (p)-[x:TIES_TO]->(c)
    RETURN {kind: 'ties', role_as: x.kind, relative: null} AS tie
    UNION
    MATCH (p)-[w:WORKS_AT]->(c)
    WHERE w.is_current = false OR w.until IS NOT NULL
    RETURN {kind: 'worked', role_as: w.title, relative: null} AS tie
    UNION
    MATCH (p)-[k:KNOWS]-(r:Person)-[:TIES_TO|WORKS_AT]->(c)
    WHERE k.kind = 'family'
    RETURN {kind: 'family', role_as: null, relative: r.name} AS tie
  }
  RETURN tie {.*, competitor: c.name, products: products} AS conflict
  UNION
  MATCH (p)<-[:TO]-(x:Transfer)
  WHERE x.status IN ['recorded', 'approved'] AND x.date > $since AND x.date <= $today
  WITH x.currency AS currency, sum(x.amount_minor) AS minor, count(x) AS n
  RETURN {kind: 'transfers', currency: currency, minor: minor, count: n} AS conflict
}
RETURN t.id AS tender_id, p.id AS person_id, collect(conflict) AS conflicts
