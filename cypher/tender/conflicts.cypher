// Conflicts of interest in the tenders $tender_ids: DMU members with a tie to a competitor
// whose product is in the tender. Per member and tender, each tie: `kind` 'ties' (a
// TIES_TO, `as` its kind: consultant, speaker, ...), 'worked' (a past WORKS_AT there), or
// 'family' (a family KNOWS to someone who works or is tied there, `relative` their name).
UNWIND $tender_ids AS tender_id
MATCH (t:Tender {id: tender_id})<-[:ROLE_IN]-(p:Person)
MATCH (t)-[:FOR]->(product:Product)-[:MADE_BY]->(c:Organization {kind: 'competitor'})
WITH t, p, c, collect(product.name) AS products
CALL (p, c) {
  MATCH (p)-[x:TIES_TO]->(c)
  RETURN {kind: 'ties', as: x.kind, relative: null} AS tie
  UNION
  MATCH (p)-[w:WORKS_AT]->(c)
  WHERE w.is_current = false OR w.until IS NOT NULL
  RETURN {kind: 'worked', as: w.title, relative: null} AS tie
  UNION
  MATCH (p)-[k:KNOWS]-(r:Person)-[:TIES_TO|WORKS_AT]->(c)
  WHERE k.kind = 'family'
  RETURN {kind: 'family', as: null, relative: r.name} AS tie
}
RETURN t.id AS tender_id, p.id AS person_id,
       collect(tie {.*, competitor: c.name, products: products}) AS conflicts
