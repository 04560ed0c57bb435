// Deletes up to $limit audit entries at or below the chain's base $base_seq (or from
// before the chain and older than $before); returns how many went.
MATCH (a:AuditEntry)
WHERE (a.seq IS NOT NULL AND a.seq <= $base_seq) OR (a.seq IS NULL AND a.at < $before)
WITH a LIMIT $limit
DETACH DELETE a
RETURN count(*) AS deleted
