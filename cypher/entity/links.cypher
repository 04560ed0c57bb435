// Returns the ids a __FROM__ node's outgoing __TYPE__ links point at, ordered.
MATCH (:__FROM__ {id: $id})-[:__TYPE__]->(b:__TO__)
RETURN b.id AS to
ORDER BY to
