// Returns which of $ids exist as __LABEL__ nodes, with their kind (set on organizations).
MATCH (n:__LABEL__)
WHERE n.id IN $ids
RETURN n.id AS id, n.kind AS kind
