// Ends every session and remember-me cookie of user $id (a new session epoch): sign-out
// everywhere. Returns the user, or no row if there is none.
MATCH (u:User {id: $id})
SET u.session_epoch = coalesce(u.session_epoch, 0) + 1
RETURN u {.id, .email, .name, .role, .region, active: coalesce(u.active, true),
         session_epoch: u.session_epoch, .lang, calendar: coalesce(u.calendar, 'gregorian')} AS user
