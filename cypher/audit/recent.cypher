// Returns the latest $limit audit entries, optionally only those on record $target_id.
MATCH (a:AuditEntry)
WHERE $target_id IS NULL OR a.target_id = $target_id
RETURN a {.at, .user_id, .action, .target_id, .path, .details} AS entry
ORDER BY a.at DESC
LIMIT $limit
