// The active users for whom user $user_id deputises on $today (a deputyship not ended whose
// period holds $today), with their territories: what the deputy reads on their behalf.
MATCH (:User {id: $user_id})<-[:DEPUTY]-(d:Deputyship)-[:ABSENT]->(kam:User)
WHERE d.ended_at IS NULL AND d.starts_on <= $today AND $today <= d.ends_on
  AND coalesce(kam.active, true)
RETURN DISTINCT kam.id AS id, kam.region AS region
