// Returns up to $batch people changed at or after $after_at, in (updated_at, id) order,
// after the cursor ($after_at, $after_id): a range of the person_updated_at index (the
// API's ?updated_since=). The row as in people_after; the reader's scope filters them after.
MATCH (p:Person)
WHERE p.updated_at >= $after_at AND (p.updated_at > $after_at OR p.id > $after_id)
RETURN p {.id, .name, .region, .version, .updated_at} AS row
ORDER BY p.updated_at, p.id
LIMIT $batch
