// How many audit entries were written before $before.
MATCH (a:AuditEntry) WHERE a.at < $before
RETURN count(a) AS n
