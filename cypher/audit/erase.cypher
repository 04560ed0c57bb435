// Erases the record, path and details of the audit entries $rows ({seq, target_id_digest,
// path_digest, details_digest}) for a data subject's erasure: the digests stay, chained;
// the raw fields and the salt go (kamgraph/repository/audit_chain.py).
UNWIND $rows AS row
MATCH (a:AuditEntry {seq: row.seq})
SET a.target_id = $erased, a.path = null, a.details = null, a.salt = null,
    a.erased_at = $at, a.target_id_digest = row.target_id_digest,
    a.path_digest = row.path_digest, a.details_digest = row.details_digest
