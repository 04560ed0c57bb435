// Transfer $id with its person, event and giver (no row if there is none).
MATCH (x:Transfer {id: $id})-[:TO]->(p:Person)
OPTIONAL MATCH (x)-[:AT]->(e:Event)
OPTIONAL MATCH (x)-[:GIVEN_BY]->(u:User)
OPTIONAL MATCH (d:User {id: x.decided_by})
RETURN properties(x) AS transfer, p.id AS person_id, p.name AS person,
       e.id AS event_id, e.name AS event, u.id AS given_by, u.name AS giver,
       d.name AS decider
