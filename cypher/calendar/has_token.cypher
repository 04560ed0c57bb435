// Returns whether user $user_id has a calendar feed token.
MATCH (u:User {id: $user_id})
RETURN u.calendar_token_hash IS NOT NULL AS has_token
