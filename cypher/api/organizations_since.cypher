// Returns up to $batch organizations changed at or after $after_at, in (updated_at, id)
// order, after the cursor ($after_at, $after_id): a range of the organization_updated_at
// index (the API's ?updated_since=). The row as in organizations_after.
MATCH (o:Organization)
WHERE o.updated_at >= $after_at AND (o.updated_at > $after_at OR o.id > $after_id)
RETURN o {.id, .name, .kind, .region, .version, .updated_at} AS row
ORDER BY o.updated_at, o.id
LIMIT $batch
