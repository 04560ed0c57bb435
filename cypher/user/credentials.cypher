// Returns the user with email $email (case-insensitive) and their password hash, if any.
MATCH (u:User)
WHERE toLower(u.email) = toLower($email)
RETURN u {.id, .email, .name, .role, .region, active: coalesce(u.active, true),
         session_epoch: coalesce(u.session_epoch, 0),
         .lang, calendar: coalesce(u.calendar, 'gregorian')} AS user,
       u.password_hash AS password_hash
