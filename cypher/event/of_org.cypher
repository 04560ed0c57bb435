// Returns up to $limit events that people working now at the organization $id (or one of
// its parts) attended or spoke at, latest first: the event's id, name, kind, dates and
// city, and those people (id, name, whether they spoke).
MATCH (o:Organization {id: $id})<-[:PART_OF*0..6]-(:Organization)<-[w:WORKS_AT]-(p:Person)
WHERE coalesce(w.is_current, true)
WITH DISTINCT p
MATCH (p)-[r:ATTENDED|SPOKE_AT]->(e:Event)
WITH e, p, 'SPOKE_AT' IN collect(type(r)) AS spoke
ORDER BY p.name
WITH e, collect({id: p.id, name: p.name, spoke: spoke}) AS people
ORDER BY e.starts_on DESC, e.name
LIMIT $limit
RETURN e.id AS id, e.name AS name, e.kind AS kind, e.starts_on AS starts_on,
       e.ends_on AS ends_on, e.city AS city, people
