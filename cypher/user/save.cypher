// Creates the user with $email, or updates their name and role; returns the user.
// A new user gets $id; an existing one keeps theirs. A null $password_hash leaves the
// password as it was.
MERGE (u:User {email: $email})
ON CREATE SET u.id = $id, u.active = true, u.source = 'manual'
SET u.name = $name, u.role = $role,
    u.password_hash = coalesce($password_hash, u.password_hash)
RETURN u {.id, .email, .name, .role, .region, active: coalesce(u.active, true)} AS user
