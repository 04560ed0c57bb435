// Returns the active user holding the live API token whose SHA-256 is $token_hash: the
// user's id, and the token's id, scope and the day it was last used; no row for an unknown
// or revoked token.
MATCH (u:User)-[:HAS_TOKEN]->(t:ApiToken {hash: $token_hash})
WHERE t.revoked_at IS NULL AND coalesce(u.active, true)
RETURN u.id AS user_id, t.id AS token_id, t.scope AS scope, t.last_used_on AS last_used_on
