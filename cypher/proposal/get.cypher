// Proposal $id (no row if there is none): its fields, account, tender and authors, its
// arguments (one per DMU member) and its follow-up steps in due order.
MATCH (x:Proposal {id: $id})
OPTIONAL MATCH (x)-[:PROPOSED_TO]->(o:Organization)
OPTIONAL MATCH (x)-[:ANSWERS]->(t:Tender)
RETURN x.id AS id, x.title AS title, x.status AS status, x.valid_until AS valid_until,
       x.benefits AS benefits, x.reason AS reason, x.sent_on AS sent_on,
       x.decision_date AS decision_date, coalesce(x.version, 1) AS version,
       o.id AS account_id, o.name AS account, t.id AS tender_id, t.title AS tender,
       COLLECT { MATCH (x)-[:AUTHORED_BY]->(u:User)
                 RETURN u {.id, .name} AS author ORDER BY author.name } AS authors,
       COLLECT { MATCH (a:ProposalArgument)-[:ARGUMENT_OF]->(x)
                 MATCH (a)-[:ADDRESSES]->(p:Person)
                 RETURN {person_id: p.id, name: p.name, argument: a.argument} AS argument
                 ORDER BY argument.person_id } AS arguments,
       COLLECT { MATCH (s:ProposalStep)-[:STEP_OF]->(x)
                 RETURN s {.id, .kind, .due, done: coalesce(s.done, false), .done_on} AS step
                 ORDER BY step.due, step.id } AS steps
