// Which of the organizations $ids a reader whose scope is the territories $regions and the
// colleagues $users may read: our own company and team, competitors (market facts, read
// by everyone), organizations of those territories or under an account one of $users
// manages (departments included), the employers of people one of $users covers, and
// organizations of no territory at all (none of their own or above), which everyone reads.
UNWIND $ids AS id
MATCH (o:Organization {id: id})
WHERE o.kind IN ['our_company', 'team', 'competitor']
   OR NOT EXISTS {
        MATCH (o)-[:PART_OF*0..6]->(a:Organization) WHERE coalesce(a.region, '') <> ''
      }
   OR EXISTS {
        MATCH (o)-[:PART_OF*0..6]->(a:Organization)
        WHERE a.region IN $regions
           OR EXISTS { MATCH (a)<-[:MANAGES]-(u:User) WHERE u.id IN $users }
      }
   OR EXISTS {
        MATCH (o)<-[w:WORKS_AT]-(:Person)<-[c:COVERS]-(u:User)
        WHERE u.id IN $users AND coalesce(w.is_current, w.until IS NULL)
          AND (c.until IS NULL OR c.until >= $today)
      }
RETURN DISTINCT o.id AS id
