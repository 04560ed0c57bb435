// Enables or disables sign-in for the user with email $email; returns the user.
MATCH (u:User)
WHERE toLower(u.email) = toLower($email)
SET u.active = $active
RETURN u {.id, .email, .name, .role, .region, active: coalesce(u.active, true)} AS user
