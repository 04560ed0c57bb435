// Sets user $id's language ($lang: a locale code, or null for the browser's) and calendar
// ($calendar: 'gregorian' or 'buddhist'); returns the user, or no row if there is none.
MATCH (u:User {id: $id})
SET u.lang = $lang, u.calendar = $calendar
RETURN u {.id, .email, .name, .role, .region, active: coalesce(u.active, true),
         session_epoch: coalesce(u.session_epoch, 0),
         .lang, calendar: coalesce(u.calendar, 'gregorian')} AS user
