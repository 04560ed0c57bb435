// Returns up to $batch tenders changed at or after $after_at, in (updated_at, id) order,
// after the cursor ($after_at, $after_id), for the API's ?updated_since=: two seeks of the
// tender_updated_id index, each a page at most (the rest of the cursor's moment, then the later
// ones), so a page costs a page even when one import stamped many records with one moment.
// The row as in tenders_after.
CALL () {
  MATCH (t:Tender)
  WHERE t.updated_at = $after_at AND t.id > $after_id
  RETURN t
  ORDER BY t.updated_at, t.id
  LIMIT $batch
UNION
  MATCH (t:Tender)
  WHERE t.updated_at > $after_at AND t.id IS NOT NULL
  RETURN t
  ORDER BY t.updated_at, t.id
  LIMIT $batch
}
WITH t
ORDER BY t.updated_at, t.id
LIMIT $batch
RETURN t {.id, .title, .status, .version, .updated_at} AS row
