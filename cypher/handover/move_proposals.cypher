// Makes user $to_id an author of the proposals $ids in place of user $from_id; each
// proposal's version goes up (`updated_at` $at). Returns how many moved.
MATCH (new:User {id: $to_id})
UNWIND $ids AS id
MATCH (:User {id: $from_id})<-[r:AUTHORED_BY]-(x:Proposal {id: id})
DELETE r
MERGE (x)-[:AUTHORED_BY]->(new)
SET x.version = coalesce(x.version, 1) + 1, x.updated_at = $at
RETURN count(*) AS moved
