// Returns the person the id $id was merged into (`id`), if $id was merged away.
MATCH (:MergedPerson {id: $id})-[:MERGED_INTO]->(p:Person)
RETURN p.id AS id
