// Returns one __LABEL__ node's properties by $id (no row if there is none).
MATCH (n:__LABEL__ {id: $id})
RETURN properties(n) AS props
