// Revokes user $user_id's API token $id at $revoked_at (it stays, for the audit trail).
// Returns the token's id, or no row if the user has no such live token.
MATCH (:User {id: $user_id})-[:HAS_TOKEN]->(t:ApiToken {id: $id})
WHERE t.revoked_at IS NULL
SET t.revoked_at = $revoked_at
RETURN t.id AS id
