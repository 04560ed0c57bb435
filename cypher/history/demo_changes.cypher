// Writes the demo's change log ($rows: {id, at, by, type, kind, from_id, to_id, fields,
// before, after}, each about a person and a tender or an organization): each entry once
// (by id, so loading the demo again changes nothing), linked [:ABOUT] to both ends.
// Returns how many entries were new.
UNWIND $rows AS row
MATCH (a:Person {id: row.from_id})
OPTIONAL MATCH (t:Tender {id: row.to_id})
OPTIONAL MATCH (o:Organization {id: row.to_id})
WITH row, a, coalesce(t, o) AS b
WHERE b IS NOT NULL
MERGE (c:Change {id: row.id})
ON CREATE SET c += row, c.source = 'demo', c.fresh = true
MERGE (c)-[:ABOUT]->(a)
MERGE (c)-[:ABOUT]->(b)
WITH c, coalesce(c.fresh, false) AS fresh
REMOVE c.fresh
RETURN sum(toInteger(fresh)) AS created
