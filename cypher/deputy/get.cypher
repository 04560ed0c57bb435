// Deputyship $id: its period, its absent user and its deputy; no row if unknown.
MATCH (kam:User)<-[:ABSENT]-(d:Deputyship {id: $id})-[:DEPUTY]->(deputy:User)
RETURN d {.id, .starts_on, .ends_on, user_id: kam.id, user: kam.name, deputy_id: deputy.id,
          deputy: deputy.name, active: d.starts_on <= $today AND $today <= d.ends_on
                                       AND d.ended_at IS NULL} AS deputyship
