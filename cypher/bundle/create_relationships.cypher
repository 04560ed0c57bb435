// Creates a batch of (:__FROM__)-[:__TYPE__]->(:__TO__) from $rows: {from, to, props},
// where no tie of this type existed before the import began and the checked file holds
// each tie once, so there is nothing to merge with or compare (a first load). Provenance
// and `updated_at` as in upsert_relationships. Returns 0 updated; the summary counts the created.
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from})
MATCH (b:__TO__ {id: row.to})
CREATE (a)-[r:__TYPE__]->(b)
SET r.source = $source, r.recorded_by = $recorded_by, r.recorded_at = $recorded_at,
    r.updated_at = $recorded_at, r += row.props
WITH count(r) AS created
RETURN 0 AS updated
