// Sets (or, with a null $token_hash, revokes) user $user_id's calendar feed token hash.
MATCH (u:User {id: $user_id})
SET u.calendar_token_hash = $token_hash
RETURN u.id AS id
