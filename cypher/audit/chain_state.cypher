// The audit chain's head (the last entry's number and hash), its base (the number and hash
// of the last entry a retention prune removed, or 0 and null), what the latest prune
// entry says it removed, and how many entries carry no number (written before the chain).
OPTIONAL MATCH (h:AuditHead {id: 'audit'})
RETURN coalesce(h.seq, 0) AS seq, h.last_hash AS last_hash,
       coalesce(h.base_seq, 0) AS base_seq, h.base_hash AS base_hash,
       COUNT { (a:AuditEntry) WHERE a.seq IS NULL } AS unchained,
       COLLECT { MATCH (p:AuditEntry {action: 'audit prune'}) RETURN p {.seq, .details} } AS prunes
