// Returns every __LABEL__ node's properties, ordered by id.
MATCH (n:__LABEL__)
RETURN properties(n) AS props
ORDER BY n.id
