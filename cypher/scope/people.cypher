// Which of the people $ids a reader whose scope is the territories $regions and the
// colleagues $users may read (kamgraph/services/scope.py states the rule): people of those
// territories, people who work now at an organization of those territories or at an
// account one of $users manages (or at a part of it), and people one of $users covers
// (a current cover, confirmed unless a lead recorded it); and people of no territory at
// all (none of their own, none through a current employer), whom everyone reads.
UNWIND $ids AS id
MATCH (p:Person {id: id})
WHERE p.region IN $regions
   OR (coalesce(p.region, '') = ''
       AND NOT EXISTS {
             MATCH (p)-[w:WORKS_AT]->(:Organization)-[:PART_OF*0..6]->(a:Organization)
             WHERE coalesce(w.is_current, w.until IS NULL) AND coalesce(a.region, '') <> ''
           })
   OR EXISTS {
        MATCH (u:User)-[c:COVERS]->(p)
        WHERE u.id IN $users AND (c.until IS NULL OR c.until >= $today)
          AND (c.recorded_by IS NULL OR c.recorded_by <> u.id OR c.confirmed_by IS NOT NULL
               OR p.recorded_by = u.id)
      }
   OR EXISTS {
        MATCH (p)-[w:WORKS_AT]->(:Organization)-[:PART_OF*0..6]->(a:Organization)
        WHERE coalesce(w.is_current, w.until IS NULL)
          AND (a.region IN $regions
               OR EXISTS { MATCH (a)<-[:MANAGES]-(u:User) WHERE u.id IN $users })
      }
RETURN DISTINCT p.id AS id
