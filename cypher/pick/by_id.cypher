// The id $id if a __LABEL__ record has it (a reference typed as an id still works).
MATCH (n:__LABEL__ {id: $id})
RETURN n.id AS id
