// Returns user $user_id's API tokens that are not revoked (id, name, scope, created_at,
// last_used_on), newest first. Never the hash.
MATCH (:User {id: $user_id})-[:HAS_TOKEN]->(t:ApiToken)
WHERE t.revoked_at IS NULL
RETURN t {.id, .name, .scope, .created_at, .last_used_on} AS token
ORDER BY t.created_at DESC
