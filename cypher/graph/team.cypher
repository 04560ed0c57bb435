// Returns our active team members (users), who start warm paths.
MATCH (u:User)
WHERE coalesce(u.active, true)
RETURN u.id AS id, u.name AS name, u.role AS role
ORDER BY id
