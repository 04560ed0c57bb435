// The id of the organization that issued tender $id (no row if none).
MATCH (:Tender {id: $id})-[:ISSUED_BY]->(o:Organization)
RETURN o.id AS id
LIMIT 1
