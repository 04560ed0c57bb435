// The name (or a tender's title) of the __LABEL__ record with id $id.
MATCH (n:__LABEL__ {id: $id})
RETURN coalesce(n.name, n.title) AS name
