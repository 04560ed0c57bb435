// Enables or disables sign-in for the user with email $email; returns the user. Either way
// every session and remember-me cookie they hold ends (a new session epoch).
MATCH (u:User)
WHERE toLower(u.email) = toLower($email)
SET u.active = $active, u.session_epoch = coalesce(u.session_epoch, 0) + 1
RETURN u {.id, .email, .name, .role, .region, active: coalesce(u.active, true),
         session_epoch: coalesce(u.session_epoch, 0),
         .lang, calendar: coalesce(u.calendar, 'gregorian')} AS user
