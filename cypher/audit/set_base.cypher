// Moves the chain's base past the entries a retention prune removes: the last removed is
// number $base_seq with hash $base_hash (the head is locked by audit/head).
MATCH (h:AuditHead {id: 'audit'})
SET h.base_seq = $base_seq, h.base_hash = $base_hash
