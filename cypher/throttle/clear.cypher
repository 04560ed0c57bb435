// Forgets the throttle counter $key, or every counter when $key is null; returns how many.
MATCH (t:Throttle)
WHERE $key IS NULL OR t.key = $key
DELETE t
RETURN count(t) AS cleared
