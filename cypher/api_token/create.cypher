// Creates API token $id for user $user_id: its SHA-256 $token_hash (never the token), its
// $name, its $scope (read or write) and $created_at. Returns the token's id.
MATCH (u:User {id: $user_id})
CREATE (u)-[:HAS_TOKEN]->(t:ApiToken {id: $id, hash: $token_hash, name: $name, scope: $scope,
  created_at: $created_at})
RETURN t.id AS id
