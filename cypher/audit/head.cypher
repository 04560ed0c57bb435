// Locks the audit trail's head (created on first use) for this transaction, so appends
// happen one at a time, and returns the number and hash of the last entry.
MERGE (h:AuditHead {id: 'audit'})
SET h.locked_at = $at
RETURN coalesce(h.seq, 0) AS seq, h.last_hash AS last_hash, coalesce(h.base_seq, 0) AS base_seq
