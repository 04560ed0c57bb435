// The people who took part in the interactions $ids.
UNWIND $ids AS id
MATCH (:Interaction {id: id})-[:WITH]->(p:Person)
RETURN DISTINCT p.id AS id
