// Returns the active user whose calendar feed token hashes to $token_hash, if any.
MATCH (u:User {calendar_token_hash: $token_hash})
WHERE coalesce(u.active, true)
RETURN u.id AS id
