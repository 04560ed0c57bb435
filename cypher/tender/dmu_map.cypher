// Returns the DMU of tender $id for the map: members (stance, role, stored influence,
// whether we cover them) and the people in $outside (influencers outside the DMU, from the
// analysis), with the INFLUENCES and REPORTS_TO ties among them all, and the KNOWS ties
// that join an outside influencer to the others.
MATCH (t:Tender {id: $id})
OPTIONAL MATCH (p:Person)-[r:ROLE_IN]->(t)
WITH collect(p) AS members,
     collect({id: p.id, name: p.name, stance: r.stance, role: r.role, influence: p.influence,
              covered: EXISTS { (:User)-[c:COVERS]->(p) WHERE c.until IS NULL },
              outside: false}) AS nodes
OPTIONAL MATCH (o:Person) WHERE o.id IN $outside AND NOT o IN members
WITH members, nodes, collect(o) AS outsiders
WITH members + outsiders AS everyone, outsiders,
     nodes + [o IN outsiders | {id: o.id, name: o.name, stance: null, role: null,
                               influence: o.influence, outside: true,
                               covered: EXISTS { (:User)-[c:COVERS]->(o) WHERE c.until IS NULL }}]
       AS nodes
RETURN nodes,
       COLLECT { MATCH (a:Person)-[x:INFLUENCES|REPORTS_TO|KNOWS]->(b:Person)
                 WHERE a IN everyone AND b IN everyone
                   AND (type(x) <> 'KNOWS' OR a IN outsiders OR b IN outsiders)
                 RETURN {source: a.id, target: b.id, type: type(x),
                         weight: coalesce(x.weight, x.strength)} } AS edges
