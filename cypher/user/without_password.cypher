// Returns the active users who have no password yet (the demo team before first use).
MATCH (u:User)
WHERE u.password_hash IS NULL AND coalesce(u.active, true)
RETURN u {.id, .email, .name, .role, .region, active: true,
         session_epoch: coalesce(u.session_epoch, 0),
         .lang, calendar: coalesce(u.calendar, 'gregorian')} AS user
ORDER BY u.role, u.email
