// Which of the users $user_ids are away on $today: each running deputyship (not ended, its
// period holding $today) with its absent user and deputy, by the absent user's name.
UNWIND $user_ids AS user_id
MATCH (kam:User {id: user_id})<-[:ABSENT]-(d:Deputyship)-[:DEPUTY]->(deputy:User)
WHERE d.ended_at IS NULL AND d.starts_on <= $today AND $today <= d.ends_on
RETURN d {.id, .starts_on, .ends_on, user_id: kam.id, user: kam.name, deputy_id: deputy.id,
          deputy: deputy.name, active: true} AS deputyship
ORDER BY deputyship.user, deputyship.ends_on
