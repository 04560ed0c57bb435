// Returns up to $batch people whose id sorts after $after, by id: id, display name,
// region and version (an API list's candidates; the reader's scope filters them after).
MATCH (p:Person)
WHERE p.id > $after
RETURN p {.id, .name, .region, .version} AS row
ORDER BY p.id
LIMIT $batch
