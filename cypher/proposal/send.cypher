// Sends proposal $id if $expected_version is still current: status 'sent', sent on
// $sent_on, decision date $decision_date, and its follow-up steps $steps ({id, kind, due})
// merged on their ids; `updated_at` $at (the app's clock). The write lock is taken before the version is read. Returns the
// version found and the status before; no row if there is no such proposal.
MATCH (x:Proposal {id: $id})
SET x.kg_lock = true
WITH x, x.version AS found, x.status AS before
REMOVE x.kg_lock
WITH x, found, before
CALL (x, found) {
  WITH x, found
  WHERE found = $expected_version
  SET x.status = 'sent', x.sent_on = $sent_on, x.decision_date = $decision_date,
      x.version = found + 1, x.updated_at = $at
  WITH x
  UNWIND $steps AS step
  MERGE (s:ProposalStep {id: step.id})
  ON CREATE SET s.source = 'manual', s.recorded_by = $by, s.version = 1
  SET s.kind = step.kind, s.due = step.due, s.done = false, s.done_on = null
  MERGE (s)-[:STEP_OF]->(x)
  RETURN count(s) AS steps
}
RETURN found, before
