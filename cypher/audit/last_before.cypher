// The last chained entry written before $before, with its hash: where a prune cuts.
MATCH (a:AuditEntry)
WHERE a.seq IS NOT NULL AND a.at < $before
RETURN a.seq AS seq, a.hash AS hash
ORDER BY a.seq DESC
LIMIT 1
