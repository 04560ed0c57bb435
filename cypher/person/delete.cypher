// Deletes a person with all their relationships, their relationship plans (with the plans'
// steps), the change log's entries about them, and the interactions that had nobody else
// in them. Returns whether the person existed and how many interactions went.
MATCH (p:Person {id: $id})
OPTIONAL MATCH (i:Interaction)-[:WITH]->(p)
  WHERE NOT EXISTS { (i)-[:WITH]->(other:Person) WHERE other <> p }
WITH p, collect(i) AS orphans
FOREACH (i IN orphans | DETACH DELETE i)
WITH p, orphans
CALL (p) {  // the change log about them (history)
  MATCH (p)<-[:ABOUT]-(c:Change)
  DETACH DELETE c
}
CALL (p) {
  MATCH (p)<-[:PLAN_FOR]-(pl:PersonPlan)
  OPTIONAL MATCH (s:PersonPlanStep)-[:STEP_OF]->(pl)
  DETACH DELETE s, pl
}
DETACH DELETE p
RETURN true AS deleted, size(orphans) AS interactions_deleted
