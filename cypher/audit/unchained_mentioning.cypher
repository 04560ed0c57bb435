// Deletes the audit entries from before the chain (no number) that name a data subject:
// they carry no hash, so nothing is broken by their going.
MATCH (a:AuditEntry)
WHERE a.seq IS NULL
  AND (a.target_id IN $ids OR any(id IN $ids WHERE a.path CONTAINS id)
       OR any(name IN $names WHERE toLower(a.target_id) CONTAINS name))
DETACH DELETE a
RETURN count(*) AS deleted
