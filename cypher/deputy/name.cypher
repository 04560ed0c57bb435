// Names user $deputy_id the deputy of user $user_id from $starts_on until $ends_on (both
// days included), recorded by $by at $at, as deputyship $id (merged on the id, so a retried
// or double submit saves once). Returns its id; no row if either user is unknown, or if
// the id already names another deputyship.
MATCH (kam:User {id: $user_id}), (deputy:User {id: $deputy_id})
MERGE (d:Deputyship {id: $id})
  ON CREATE SET d.starts_on = $starts_on, d.ends_on = $ends_on, d.named_by = $by,
                d.named_at = $at, d.absent_id = $user_id, d.deputy_id = $deputy_id
WITH d, kam, deputy
WHERE d.absent_id = $user_id AND d.deputy_id = $deputy_id
MERGE (d)-[:ABSENT]->(kam)
MERGE (d)-[:DEPUTY]->(deputy)
RETURN d.id AS id
