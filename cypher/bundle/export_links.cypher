// Returns every (:__FROM__)-[:__TYPE__]->(:__TO__) link as {id, to}, ordered.
MATCH (a:__FROM__)-[:__TYPE__]->(b:__TO__)
RETURN a.id AS id, b.id AS to
ORDER BY id, to
