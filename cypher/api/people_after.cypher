// Returns up to $batch people whose id sorts after $after, by id: id, display name,
// region, version and time of the last change (an API list's candidates; the reader's
// scope filters them after).
MATCH (p:Person)
WHERE p.id > $after
RETURN p {.id, .name, .region, .version, .updated_at} AS row
ORDER BY p.id
LIMIT $batch
