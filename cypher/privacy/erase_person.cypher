// Deletes the person $id with every tie (their scores and search keys go with the node,
// and the full-text indexes drop them); blanks the free text of the interactions $alone,
// which nobody else took part in, with $erased; deletes their relationship plans and the
// plans' steps, the proposals' arguments to them (text about them alone), and the change
// log's entries about them (history). Returns the ties removed.
MATCH (p:Person {id: $id})
CALL (p) {  // the change log about them (history): their past goes with them
  MATCH (p)<-[:ABOUT]-(c:Change)
  DETACH DELETE c
}
CALL (p) {
  MATCH (p)-[r]-()
  RETURN count(r) AS ties
}
CALL (p) {
  MATCH (p)<-[:WITH]-(i:Interaction) WHERE i.id IN $alone
  SET i.notes = $erased, i.commitments = null, i.next_step = null, i.objective = null,
      i.agenda = null
  RETURN count(i) AS blanked
}
CALL (p) {
  MATCH (p)<-[:PLAN_FOR]-(pl:PersonPlan)
  OPTIONAL MATCH (s:PersonPlanStep)-[:STEP_OF]->(pl)
  DETACH DELETE s, pl
}
CALL (p) {
  MATCH (p)<-[:ADDRESSES]-(a:ProposalArgument)
  DETACH DELETE a
}
DETACH DELETE p
RETURN ties, blanked
