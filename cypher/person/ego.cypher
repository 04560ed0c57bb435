// Returns the ego network of person $id for the graph view: the person, everyone one
// KNOWS/INFLUENCES/REPORTS_TO tie away (at most $limit, strongest first), the ties among
// them, and which of our team covers each.
MATCH (p:Person {id: $id})
CALL (p) {
  MATCH (p)-[r:KNOWS|INFLUENCES|REPORTS_TO]-(n:Person)
  WITH n, max(coalesce(r.strength, r.weight, 0.5)) AS strength
  ORDER BY strength DESC LIMIT $limit
  RETURN collect(n) AS near
}
WITH p, [p] + near AS nodes
RETURN [n IN nodes | n {.id, .name, .influence, centre: n = p,
        covered: EXISTS { (:User)-[c:COVERS]->(n) WHERE c.until IS NULL }}] AS nodes,
       COLLECT { MATCH (a:Person)-[r:KNOWS|INFLUENCES|REPORTS_TO]->(b:Person)
                 WHERE a IN nodes AND b IN nodes
                 RETURN {source: a.id, target: b.id, type: type(r), kind: r.kind,
                         weight: coalesce(r.strength, r.weight)} } AS edges
