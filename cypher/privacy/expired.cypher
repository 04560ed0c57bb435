// The people whose retention date $today has passed, oldest first: what a purge erases.
MATCH (p:Person)
WHERE p.retain_until IS NOT NULL AND p.retain_until < $today
RETURN p.id AS id, p.name AS name, p.retain_until AS retain_until
ORDER BY p.retain_until, p.id
