// Sets the password hash of the user with email $email; returns the user.
MATCH (u:User)
WHERE toLower(u.email) = toLower($email)
SET u.password_hash = $password_hash
RETURN u {.id, .email, .name, .role, .region, active: coalesce(u.active, true)} AS user
