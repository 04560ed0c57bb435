// The account and the authors of each of the proposals $ids (for the scope check).
UNWIND $ids AS id
MATCH (x:Proposal {id: id})
RETURN x.id AS id,
       [(x)-[:PROPOSED_TO]->(o:Organization) | o.id][0] AS account_id,
       [(x)-[:AUTHORED_BY]->(u:User) | u.id] AS author_ids
