// Creates or updates a batch of symmetric ties (:__FROM__)-[:__TYPE__]-(:__TO__) from $rows:
// {from, to, props}, `from` the smaller id. A tie stored in either direction is the same
// tie (a KNOWS entered from the other side updates it); a new one is created from `from`
// to `to`. Provenance, `updated_at`, the change log ($history, $tracked, $type) and the returned counts
// as in upsert_relationships.
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from})
MATCH (b:__TO__ {id: row.to})
OPTIONAL MATCH (a)-[old:__TYPE__]-(b)
WITH a, b, row, head(collect(old)) AS old
WITH a, b, row, old, properties(old) AS before
CALL (a, b, row, old) {
  WITH a, b, row, old WHERE old IS NULL
  CREATE (a)-[r:__TYPE__]->(b)
  SET r.source = $source, r.recorded_by = $recorded_by, r.recorded_at = $recorded_at,
      r += row.props
  RETURN r
UNION
  WITH old WHERE old IS NOT NULL
  RETURN old AS r
}
WITH a, b, r, row, before, any(k IN keys(row.props)
       WHERE NOT coalesce(r[k] = row.props[k], r[k] IS NULL AND row.props[k] IS NULL)) AS changed
FOREACH (_ IN CASE WHEN changed OR before IS NULL THEN [1] ELSE [] END |
  SET r += row.props, r.updated_at = $recorded_at)
WITH a, b, r, before, changed,
     [k IN $tracked WHERE NOT coalesce(before[k] = r[k], before[k] IS NULL AND r[k] IS NULL)]
       AS fields
CALL (a, b, r, before, fields) {
  WITH a, b, r, before, fields
  WHERE $history AND size(fields) > 0
  CREATE (c:Change {
    id: randomUUID(), at: $recorded_at, by: $recorded_by, source: $source, type: $type,
    from_id: a.id, to_id: b.id, fields: fields,
    kind: CASE
      WHEN before IS NULL THEN 'created'
      WHEN before.until IS NULL AND r.until IS NOT NULL THEN 'ended'
      ELSE 'changed' END,
    before: [k IN fields | coalesce(toString(before[k]), '')],
    after: [k IN fields | coalesce(toString(r[k]), '')]})
  CREATE (c)-[:ABOUT]->(a)
  CREATE (c)-[:ABOUT]->(b)
}
RETURN sum(toInteger(changed AND before IS NOT NULL)) AS updated,
       sum(toInteger(before IS NULL)) AS created
