// Points each __FROM__ node's outgoing __TYPE__ links at exactly the __TO__ ids in row.to
// ($rows: {id, to: [ids]}; an empty list removes them). New links get provenance from
// $source, $recorded_by and $recorded_at. The summary counts the links created and deleted.
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.id})
CALL (a, row) {
  OPTIONAL MATCH (a)-[old:__TYPE__]->(b:__TO__)
  WHERE NOT b.id IN row.to
  DELETE old
}
CALL (a, row) {
  UNWIND row.to AS to_id
  MATCH (b:__TO__ {id: to_id})
  MERGE (a)-[r:__TYPE__]->(b)
  ON CREATE SET r.source = $source, r.recorded_by = $recorded_by,
                r.recorded_at = $recorded_at
}
RETURN count(*) AS rows
