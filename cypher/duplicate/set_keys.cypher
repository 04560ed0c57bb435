// Stores duplicate-search keys ($rows: id, family_key, given_key) on people.
UNWIND $rows AS row
MATCH (n:Person {id: row.id})
SET n.family_key = row.family_key, n.given_key = row.given_key
