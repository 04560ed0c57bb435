// Returns up to $batch organizations whose id sorts after $after, by id: id, name, kind,
// region, version and time of the last change (an API list's candidates; the reader's
// scope filters them after).
MATCH (o:Organization)
WHERE o.id > $after
RETURN o {.id, .name, .kind, .region, .version, .updated_at} AS row
ORDER BY o.id
LIMIT $batch
