// Creates a batch of new __LABEL__ nodes from $rows: {id, props, version}, at version 1,
// with $source and $recorded_by as their provenance. CREATE, not MERGE: an id that exists
// (even one created a moment ago by someone else) fails on the id's uniqueness constraint,
// and the whole batch is refused. $on_create holds defaults the row may override (a
// person's lawful basis and collection date). `updated_at` is $recorded_at (the app's
// clock). Returns no "updated" count.
UNWIND $rows AS row
CREATE (n:__LABEL__ {id: row.id})
SET n += $on_create, n += row.props, n.source = coalesce(row.props.source, $source),
    n.recorded_by = $recorded_by, n.version = 1, n.updated_at = $recorded_at
RETURN 0 AS updated
