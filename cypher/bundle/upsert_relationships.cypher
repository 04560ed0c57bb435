// Creates or updates a batch of (:__FROM__)-[:__TYPE__]->(:__TO__) from $rows: {from, to,
// props}, where props holds the type's properties and any provenance (source, recorded_at,
// recorded_by) the row gives. New ties get $source, $recorded_by and
// $recorded_at (the app's clock) unless the row says otherwise. Returns how many existing
// ties changed and how many were created. A tie created or changed gets `updated_at`
// $recorded_at (the API's updated_since).
// History: with $history, a tie created (whatever properties it has), or changed in one
// of the properties $tracked, gets a (:Change {at, by, source, type, kind, from_id, to_id,
// fields, before, after})
// linked [:ABOUT] to both ends, in this transaction (values as text; kind created,
// changed or ended: `until` set, or a job no longer current). $type is __TYPE__.
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from})
MATCH (b:__TO__ {id: row.to})
OPTIONAL MATCH (a)-[old:__TYPE__]->(b)
WITH a, b, row, head(collect(properties(old))) AS before
MERGE (a)-[r:__TYPE__]->(b)
ON CREATE SET r.source = $source, r.recorded_by = $recorded_by,
              r.recorded_at = $recorded_at, r += row.props
WITH a, b, r, row, before, any(k IN keys(row.props)
       WHERE NOT coalesce(r[k] = row.props[k], r[k] IS NULL AND row.props[k] IS NULL)) AS changed
FOREACH (_ IN CASE WHEN changed OR before IS NULL THEN [1] ELSE [] END |
  SET r += row.props, r.updated_at = $recorded_at)
WITH a, b, r, before, changed,
     [k IN $tracked WHERE NOT coalesce(before[k] = r[k], before[k] IS NULL AND r[k] IS NULL)]
       AS fields
CALL (a, b, r, before, fields) {
  WITH a, b, r, before, fields
  WHERE $history AND (size(fields) > 0 OR before IS NULL)
  CREATE (c:Change {
    id: randomUUID(), at: $recorded_at, by: $recorded_by, source: $source, type: $type,
    from_id: a.id, to_id: b.id, fields: fields,
    kind: CASE
      WHEN before IS NULL THEN 'created'
      WHEN before.until IS NULL AND r.until IS NOT NULL THEN 'ended'
      WHEN coalesce(before.is_current, true) AND r.is_current = false THEN 'ended'
      ELSE 'changed' END,
    before: [k IN fields | coalesce(toString(before[k]), '')],
    after: [k IN fields | coalesce(toString(r[k]), '')]})
  CREATE (c)-[:ABOUT]->(a)
  CREATE (c)-[:ABOUT]->(b)
}
RETURN sum(toInteger(changed AND before IS NOT NULL)) AS updated,
       sum(toInteger(before IS NULL)) AS created
