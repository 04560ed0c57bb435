// Up to $limit people without duplicate-search keys (written before they existed), with
// the name parts the keys are made from.
MATCH (n:Person)
WHERE n.family_key IS NULL AND n.family_name IS NOT NULL
RETURN n.id AS id, n.given_name AS given_name, n.family_name AS family_name
LIMIT $limit
