// Returns the ids of the users who logged interaction $id, or no row if there is none.
MATCH (i:Interaction {id: $id})
RETURN COLLECT { MATCH (i)-[:BY]->(u:User) RETURN u.id } AS authors
