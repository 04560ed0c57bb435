// Returns one row if any (:__FROM__)-[:__TYPE__]->(:__TO__) exists, none otherwise.
MATCH (:__FROM__)-[r:__TYPE__]->(:__TO__)
RETURN 1 AS found
LIMIT 1
