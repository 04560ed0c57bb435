// Creates the user with $email, or updates their name and role, their territory ($region)
// and their language ($lang; null leaves either as it was); returns the user.
// A new user gets $id; an existing one keeps theirs. A null $password_hash leaves the
// password as it was; a new one ends every session the user holds (a new session epoch).
MERGE (u:User {email: $email})
ON CREATE SET u.id = $id, u.active = true, u.source = 'manual'
SET u.name = $name, u.role = $role, u.region = coalesce($region, u.region),
    u.lang = coalesce($lang, u.lang),
    u.password_hash = coalesce($password_hash, u.password_hash),
    u.session_epoch = coalesce(u.session_epoch, 0)
                      + CASE WHEN $password_hash IS NULL THEN 0 ELSE 1 END
RETURN u {.id, .email, .name, .role, .region, active: coalesce(u.active, true),
         session_epoch: coalesce(u.session_epoch, 0),
         .lang, calendar: coalesce(u.calendar, 'gregorian')} AS user
