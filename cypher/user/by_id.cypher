// Returns one user's public properties by $id (no row if there is none).
MATCH (u:User {id: $id})
RETURN u {.id, .email, .name, .role, .region, active: coalesce(u.active, true),
         session_epoch: coalesce(u.session_epoch, 0),
         .lang, calendar: coalesce(u.calendar, 'gregorian')} AS user
