// Replaces the password hash of the user with email $email by $new_hash (the same password,
// hashed with today's parameters), only if it is still $old_hash: a password changed in
// the meantime is never put back. Returns the user's id, or no row.
MATCH (u:User)
WHERE toLower(u.email) = toLower($email) AND u.password_hash = $old_hash
SET u.password_hash = $new_hash
RETURN u.id AS id
