// Creates or updates a batch of (:__FROM__)-[:__TYPE__]->(:__TO__) from $rows:
// {from, to, props, provenance}. Provenance (source, recorded_at, recorded_by) is set on
// create and only overwritten by values the row gives. Returns created and updated counts.
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from})
MATCH (b:__TO__ {id: row.to})
MERGE (a)-[r:__TYPE__]->(b)
ON CREATE SET r += row.props, r.kg_new = true,
              r.source = $source, r.recorded_by = $recorded_by,
              r.recorded_at = datetime.truncate('second', datetime())
WITH r, row, r.kg_new IS NOT NULL AS created
REMOVE r.kg_new
WITH r, row, created,
     NOT created AND any(k IN keys(row.props)
       WHERE NOT coalesce(r[k] = row.props[k], r[k] IS NULL AND row.props[k] IS NULL)) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET r += row.props)
SET r += row.provenance
RETURN sum(toInteger(created)) AS created, sum(toInteger(changed)) AS updated
