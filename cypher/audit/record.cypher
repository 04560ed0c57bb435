// Appends one audit entry, number $seq in the chain: user $user_id did $action ('view',
// 'edit', 'export', ...) on record $target_id through $path at $at; $details (JSON, or
// null) is what a change changed; $salt the entry's own salt for the digests of those
// three; $prev the previous entry's hash and $hash this one's
// (kamgraph/repository/audit_chain.py). Moves the head (locked by audit/head in the same
// transaction). Entries are never updated, but for an erasure (audit/erase).
MATCH (h:AuditHead {id: 'audit'})
CREATE (:AuditEntry {seq: $seq, at: $at, user_id: $user_id, action: $action,
                     target_id: $target_id, path: $path, details: $details, salt: $salt,
                     prev: $prev, hash: $hash})
SET h.seq = $seq, h.last_hash = $hash
