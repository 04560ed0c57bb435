// The audit chain's head (the last entry's number and hash), and how many entries carry
// no number (written before the chain began).
OPTIONAL MATCH (h:AuditHead {id: 'audit'})
RETURN coalesce(h.seq, 0) AS seq, h.last_hash AS last_hash,
       COUNT { (a:AuditEntry) WHERE a.seq IS NULL } AS unchained
