// The audit entries of the hash chain from number $after on, in order, up to $limit.
MATCH (a:AuditEntry)
WHERE a.seq > $after
RETURN a {.seq, .at, .user_id, .action, .target_id, .path, .details, .salt, .prev, .hash,
          .erased_at, .target_id_digest, .path_digest, .details_digest,
          element: elementId(a)} AS entry
ORDER BY a.seq
LIMIT $limit
