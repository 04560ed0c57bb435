// Every active team member with how many people they cover now (all, not only key ones).
MATCH (u:User)
WHERE coalesce(u.active, true)
RETURN u.id AS id, u.name AS name, u.role AS role,
       COUNT { (u)-[c:COVERS]->(:Person) WHERE c.until IS NULL } AS covered
ORDER BY u.name
