// Returns every key account (is_key_account) with no sales: id, name, 0 as sales, key.
MATCH (o:Organization)
WHERE o.is_key_account = true
RETURN o.id AS id, o.name AS name, 0.0 AS sales, true AS key
ORDER BY id
