// Appends one audit entry: user $user_id did $action ('view', 'edit', 'export', ...) on
// record $target_id at $at. Audit entries are never updated.
CREATE (:AuditEntry {at: $at, user_id: $user_id, action: $action, target_id: $target_id,
                     path: $path})
