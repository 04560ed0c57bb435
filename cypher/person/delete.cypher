// Deletes a person with all their relationships, and the interactions that had nobody
// else in them. Returns whether the person existed and how many interactions went.
MATCH (p:Person {id: $id})
OPTIONAL MATCH (i:Interaction)-[:WITH]->(p)
  WHERE NOT EXISTS { (i)-[:WITH]->(other:Person) WHERE other <> p }
WITH p, collect(i) AS orphans
FOREACH (i IN orphans | DETACH DELETE i)
DETACH DELETE p
RETURN true AS deleted, size(orphans) AS interactions_deleted
