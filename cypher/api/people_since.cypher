// Returns up to $batch people changed at or after $after_at, in (updated_at, id) order,
// after the cursor ($after_at, $after_id), for the API's ?updated_since=: two seeks of the
// person_updated_id index, each a page at most (the rest of the cursor's moment, then the later
// ones), so a page costs a page even when one import stamped many records with one moment.
// The row as in people_after; the reader's scope filters them after.
CALL () {
  MATCH (p:Person)
  WHERE p.updated_at = $after_at AND p.id > $after_id
  RETURN p
  ORDER BY p.updated_at, p.id
  LIMIT $batch
UNION
  MATCH (p:Person)
  WHERE p.updated_at > $after_at AND p.id IS NOT NULL
  RETURN p
  ORDER BY p.updated_at, p.id
  LIMIT $batch
}
WITH p
ORDER BY p.updated_at, p.id
LIMIT $batch
RETURN p {.id, .name, .region, .version, .updated_at} AS row
