// Returns every (:__FROM__)-[:__TYPE__]->(:__TO__) with its properties, ordered by ends.
MATCH (a:__FROM__)-[r:__TYPE__]->(b:__TO__)
RETURN a.id AS from, b.id AS to, properties(r) AS props
ORDER BY from, to
