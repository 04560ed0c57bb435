// Creates or updates a batch of (:__FROM__)-[:__TYPE__]->(:__TO__) from $rows: {from, to,
// props}, where props holds the type's properties and any provenance (source, recorded_at,
// recorded_by) the row gives. New ties get $source, $recorded_by and
// $recorded_at (the app's clock) unless the row says otherwise. Returns how many existing ties changed; the summary's
// relationships_created counts the new ones.
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from})
MATCH (b:__TO__ {id: row.to})
MERGE (a)-[r:__TYPE__]->(b)
ON CREATE SET r.source = $source, r.recorded_by = $recorded_by,
              r.recorded_at = $recorded_at, r += row.props
WITH r, row, any(k IN keys(row.props)
       WHERE NOT coalesce(r[k] = row.props[k], r[k] IS NULL AND row.props[k] IS NULL)) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET r += row.props)
RETURN sum(toInteger(changed)) AS updated
