// Returns the person or team member with this $id, if any: id, name and which kind.
OPTIONAL MATCH (p:Person {id: $id})
OPTIONAL MATCH (u:User {id: $id})
RETURN coalesce(p.id, u.id) AS id, coalesce(p.name, u.name) AS name,
       CASE WHEN p IS NOT NULL THEN 'person' WHEN u IS NOT NULL THEN 'user' END AS kind
