// Returns up to $limit events the person $id attended or spoke at, latest first: the
// event's id, name, kind, dates and city, whether they spoke and on what, and how many
// people took part in all.
MATCH (p:Person {id: $id})-[r:ATTENDED|SPOKE_AT]->(e:Event)
WITH e, collect(type(r)) AS types, [t IN collect(r.topic) WHERE t IS NOT NULL][0] AS topic
ORDER BY e.starts_on DESC, e.name
LIMIT $limit
RETURN e.id AS id, e.name AS name, e.kind AS kind, e.starts_on AS starts_on,
       e.ends_on AS ends_on, e.city AS city, 'SPOKE_AT' IN types AS spoke, topic,
       COUNT { (:Person)-[:ATTENDED|SPOKE_AT]->(e) } AS people
