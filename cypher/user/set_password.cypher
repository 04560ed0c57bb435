// Sets the password hash of the user with email $email; returns the user. With
// $end_sessions, every session and remember-me cookie they hold ends (a new session epoch);
// a rehash of the same password at sign-in keeps them.
MATCH (u:User)
WHERE toLower(u.email) = toLower($email)
SET u.password_hash = $password_hash,
    u.session_epoch = coalesce(u.session_epoch, 0) + CASE WHEN $end_sessions THEN 1 ELSE 0 END
RETURN u {.id, .email, .name, .role, .region, active: coalesce(u.active, true),
         session_epoch: coalesce(u.session_epoch, 0),
         .lang, calendar: coalesce(u.calendar, 'gregorian')} AS user
