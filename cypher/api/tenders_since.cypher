// Returns up to $batch tenders changed at or after $after_at, in (updated_at, id) order,
// after the cursor ($after_at, $after_id): a range of the tender_updated_at index (the
// API's ?updated_since=). The row as in tenders_after.
MATCH (t:Tender)
WHERE t.updated_at >= $after_at AND (t.updated_at > $after_at OR t.id > $after_id)
RETURN t {.id, .title, .status, .version, .updated_at} AS row
ORDER BY t.updated_at, t.id
LIMIT $batch
