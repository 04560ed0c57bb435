// Sets the argument of proposal $proposal_id for person $person_id: node $id, text
// $argument, by user $by; no row if the proposal or the person is missing. Returns the
// text before (null for a new argument).
MATCH (x:Proposal {id: $proposal_id})
MATCH (p:Person {id: $person_id})
MERGE (a:ProposalArgument {id: $id})
ON CREATE SET a.source = 'manual', a.recorded_by = $by, a.version = 1
WITH x, p, a, a.argument AS before
SET a.argument = $argument
MERGE (a)-[:ARGUMENT_OF]->(x)
MERGE (a)-[:ADDRESSES]->(p)
RETURN before
