// Streams the ties of the types in $types that end at a person (from a person, or from a
// team member for COVERS): ends, type, kind (or ladder stage), value (strength or
// weight), when recorded, since and until.
MATCH (a)-[r]->(b:Person)
WHERE type(r) IN $types AND (a:Person OR a:User)
RETURN a.id AS source, b.id AS target, type(r) AS type, coalesce(r.kind, r.stage) AS kind,
       coalesce(r.strength, r.weight) AS value, date(r.recorded_at) AS recorded,
       r.since AS since, r.until AS until
