// The active team (users who may sign in), for picking a colleague by name.
MATCH (u:User)
WHERE coalesce(u.active, true)
RETURN u.id AS id, u.name AS name, u.role AS context
ORDER BY u.name
