// The user $user_id watches the __LABEL__ $id ($watch true) or stops ($watch false).
// Returns the record's id, or no row if there is no such record.
MATCH (u:User {id: $user_id})
MATCH (x:__LABEL__ {id: $id})
FOREACH (_ IN CASE WHEN $watch THEN [1] ELSE [] END | MERGE (u)-[:WATCHES]->(x))
WITH u, x
OPTIONAL MATCH (u)-[w:WATCHES]->(x) WHERE NOT $watch
DELETE w
RETURN DISTINCT x.id AS id
