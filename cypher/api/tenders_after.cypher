// Returns up to $batch tenders whose id sorts after $after, by id: id, title, status,
// version and time of the last change (an API list's candidates; the reader's scope
// filters them after).
MATCH (t:Tender)
WHERE t.id > $after
RETURN t {.id, .title, .status, .version, .updated_at} AS row
ORDER BY t.id
LIMIT $batch
