// Which of the tenders $ids a reader may read: those issued by an organization of the
// territories $regions, or under an account one of the colleagues $users manages, and
// those whose buyer has no territory at all (everyone reads them).
UNWIND $ids AS id
MATCH (t:Tender {id: id})-[:ISSUED_BY]->(buyer:Organization)
WHERE EXISTS {
        MATCH (buyer)-[:PART_OF*0..6]->(a:Organization)
        WHERE a.region IN $regions
           OR EXISTS { MATCH (a)<-[:MANAGES]-(u:User) WHERE u.id IN $users }
      }
   OR NOT EXISTS {
        MATCH (buyer)-[:PART_OF*0..6]->(a:Organization) WHERE coalesce(a.region, '') <> ''
      }
RETURN DISTINCT t.id AS id
