// Proposals, newest first: those made to account $account_id, answering tender $tender_id
// or written by user $author_id (a caller gives one of the three; the others are null and
// match nothing), at most $limit. `not_chased`: open (status in $open), and its call is not
// done though it was due before $today.
CALL () {
  MATCH (x:Proposal)-[:PROPOSED_TO]->(:Organization {id: $account_id})
  RETURN x
  UNION
  MATCH (x:Proposal)-[:ANSWERS]->(:Tender {id: $tender_id})
  RETURN x
  UNION
  MATCH (x:Proposal)-[:AUTHORED_BY]->(:User {id: $author_id})
  RETURN x
}
OPTIONAL MATCH (x)-[:PROPOSED_TO]->(o:Organization)
OPTIONAL MATCH (x)-[:ANSWERS]->(t:Tender)
RETURN x.id AS id, x.title AS title, x.status AS status, x.valid_until AS valid_until,
       x.sent_on AS sent_on, x.decision_date AS decision_date,
       o.id AS account_id, o.name AS account, t.id AS tender_id, t.title AS tender,
       x.status IN $open AND EXISTS {
         MATCH (s:ProposalStep {kind: 'call'})-[:STEP_OF]->(x)
         WHERE NOT coalesce(s.done, false) AND s.due < $today
       } AS not_chased
ORDER BY coalesce(x.sent_on, x.valid_until) DESC, x.title, x.id
LIMIT $limit
