// Which of the interactions $ids a reader may read: those one of the colleagues $users
// logged, and those with a person of the territories $regions. (A person the reader reads
// through a cover or an account is checked by the service, which passes $people: the
// interaction's participants it may read.)
UNWIND $ids AS id
MATCH (i:Interaction {id: id})
WHERE EXISTS { MATCH (i)-[:BY]->(u:User) WHERE u.id IN $users }
   OR EXISTS { MATCH (i)-[:WITH]->(p:Person) WHERE p.id IN $people }
RETURN DISTINCT i.id AS id
