// Returns one person's properties by $id (no row if there is none).
MATCH (p:Person {id: $id})
RETURN properties(p) AS props
