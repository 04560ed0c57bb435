// Creates or updates a batch of symmetric ties (:__FROM__)-[:__TYPE__]-(:__TO__) from $rows:
// {from, to, props}, `from` the smaller id. A tie stored in either direction is the same
// tie (a KNOWS entered from the other side updates it); a new one is created from `from`
// to `to`. Provenance and the returned count as in upsert_relationships.
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from})
MATCH (b:__TO__ {id: row.to})
OPTIONAL MATCH (a)-[found:__TYPE__]-(b)
WITH a, b, row, head(collect(found)) AS found
CALL (a, b, row, found) {
  WITH a, b, row, found WHERE found IS NULL
  CREATE (a)-[r:__TYPE__]->(b)
  SET r.source = $source, r.recorded_by = $recorded_by, r.recorded_at = $recorded_at,
      r += row.props
  RETURN false AS changed
UNION
  WITH row, found WHERE found IS NOT NULL
  WITH found AS r, row, any(k IN keys(row.props)
       WHERE NOT coalesce(found[k] = row.props[k], found[k] IS NULL AND row.props[k] IS NULL))
       AS changed
  FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET r += row.props)
  RETURN changed
}
RETURN sum(toInteger(changed)) AS updated
