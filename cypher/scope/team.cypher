// The ids of the active users whose territory is one of $regions: a lead's team.
MATCH (u:User)
WHERE u.region IN $regions AND coalesce(u.active, true)
RETURN u.id AS id
