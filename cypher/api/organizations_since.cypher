// Returns up to $batch organizations changed at or after $after_at, in (updated_at, id) order,
// after the cursor ($after_at, $after_id), for the API's ?updated_since=: two seeks of the
// organization_updated_id index, each a page at most (the rest of the cursor's moment, then the later
// ones), so a page costs a page even when one import stamped many records with one moment.
// The row as in organizations_after.
CALL () {
  MATCH (o:Organization)
  WHERE o.updated_at = $after_at AND o.id > $after_id
  RETURN o
  ORDER BY o.updated_at, o.id
  LIMIT $batch
UNION
  MATCH (o:Organization)
  WHERE o.updated_at > $after_at AND o.id IS NOT NULL
  RETURN o
  ORDER BY o.updated_at, o.id
  LIMIT $batch
}
WITH o
ORDER BY o.updated_at, o.id
LIMIT $batch
RETURN o {.id, .name, .kind, .region, .version, .updated_at} AS row
