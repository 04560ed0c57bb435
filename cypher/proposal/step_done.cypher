// Marks step $id of proposal $proposal_id done ($done true, on $today) or not done again.
// Returns its kind and whether it was done before; no row if there is no such step.
MATCH (s:ProposalStep {id: $id})-[:STEP_OF]->(:Proposal {id: $proposal_id})
WITH s, coalesce(s.done, false) AS before
SET s.done = $done, s.done_on = CASE WHEN $done THEN $today ELSE null END
RETURN s.kind AS kind, before
