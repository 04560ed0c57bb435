// Returns whether the user $user_id watches the record $id (a person or a tender).
RETURN EXISTS { MATCH (:User {id: $user_id})-[:WATCHES]->(x) WHERE x.id = $id } AS watching
