// Appends one audit entry, number $seq in the chain: user $user_id did $action ('view',
// 'edit', 'export', ...) on record $target_id through $path at $at; $prev is the previous
// entry's hash and $hash this one's; $details (JSON, or null) what a change changed (kamgraph/repository/audit_chain.py). Moves the head
// (locked by audit/head in the same transaction). Audit entries are never updated.
MATCH (h:AuditHead {id: 'audit'})
CREATE (:AuditEntry {seq: $seq, at: $at, user_id: $user_id, action: $action,
                     target_id: $target_id, path: $path, details: $details, prev: $prev,
                     hash: $hash})
SET h.seq = $seq, h.last_hash = $hash
