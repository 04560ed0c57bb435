// The follow-up steps of open proposals (status in $open) user $user_id wrote, not done
// and due by $until, oldest first, with their proposal; `overdue` if due before $today.
MATCH (u:User {id: $user_id})<-[:AUTHORED_BY]-(x:Proposal)<-[:STEP_OF]-(s:ProposalStep)
WHERE x.status IN $open AND NOT coalesce(s.done, false) AND s.due <= $until
OPTIONAL MATCH (x)-[:PROPOSED_TO]->(o:Organization)
RETURN s.id AS id, s.kind AS kind, s.due AS due, s.due < $today AS overdue,
       x.id AS proposal_id, x.title AS title, o.name AS account
ORDER BY due, title, id
LIMIT 50
