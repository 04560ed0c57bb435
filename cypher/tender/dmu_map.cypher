// Returns the DMU of tender $id for the map: members (stance, role, stored influence,
// whether we cover them), and the INFLUENCES and REPORTS_TO ties among them.
MATCH (t:Tender {id: $id})
OPTIONAL MATCH (p:Person)-[r:ROLE_IN]->(t)
WITH collect(p) AS members, collect({id: p.id, name: p.name, stance: r.stance,
                                     role: r.role, influence: p.influence,
                                     covered: EXISTS { (:User)-[c:COVERS]->(p)
                                                       WHERE c.until IS NULL }}) AS nodes
RETURN nodes,
       COLLECT { MATCH (a:Person)-[x:INFLUENCES|REPORTS_TO]->(b:Person)
                 WHERE a IN members AND b IN members
                 RETURN {source: a.id, target: b.id, type: type(x), weight: x.weight} } AS edges
