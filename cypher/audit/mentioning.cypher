// The chained audit entries that name a data subject: whose record is one of $ids, whose
// path contains one of them, or whose record, path or details contain one of the $names
// (lower case; a search's words, say). Not yet erased.
MATCH (a:AuditEntry)
WHERE a.seq IS NOT NULL AND a.erased_at IS NULL
  AND (a.target_id IN $ids
       OR any(id IN $ids WHERE a.path CONTAINS id OR a.target_id CONTAINS id
                               OR a.details CONTAINS id)
       OR any(name IN $names WHERE toLower(a.target_id) CONTAINS name
                                   OR toLower(coalesce(a.details, '')) CONTAINS name))
RETURN a {.seq, .target_id, .path, .details, .salt} AS entry
