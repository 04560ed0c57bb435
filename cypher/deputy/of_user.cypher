// The deputyships of user $user_id not over by $today and not ended, both ways: those that
// name a deputy for her and those that make her someone's deputy, soonest first.
MATCH (kam:User)<-[:ABSENT]-(d:Deputyship)-[:DEPUTY]->(deputy:User)
WHERE (kam.id = $user_id OR deputy.id = $user_id)
  AND d.ended_at IS NULL AND d.ends_on >= $today
RETURN d {.id, .starts_on, .ends_on, user_id: kam.id, user: kam.name, deputy_id: deputy.id,
          deputy: deputy.name, active: d.starts_on <= $today} AS deputyship
ORDER BY deputyship.starts_on, deputyship.id
