// Returns our active team members (users), who start warm paths, with their COVERS ties
// (when $types asks for them) packed as in graph/people: [target, type, stage, null,
// seen_days, until_days].
MATCH (u:User)
WHERE coalesce(u.active, true)
RETURN u.id AS id, u.name AS name, u.role AS role,
       COLLECT {
         MATCH (u)-[r:COVERS]->(b:Person)
         WHERE 'COVERS' IN $types
         WITH b, r, date(r.recorded_at) AS recorded, r.since AS since
         WITH b, r, CASE WHEN recorded IS NULL THEN since
                         WHEN since IS NULL OR recorded > since THEN recorded
                         ELSE since END AS seen
         RETURN [b.id, 'COVERS', r.stage, null,
                 CASE WHEN seen IS NULL THEN null ELSE duration.inDays(seen, $today).days END,
                 CASE WHEN r.until IS NULL THEN null
                      ELSE duration.inDays(r.until, $today).days END]
       } AS ties
ORDER BY id
