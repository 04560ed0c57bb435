// Creates or updates a batch of __LABEL__ nodes from $rows: {id, props, version}.
// A node whose props differ is updated and its version goes up by one; an equal one is
// left alone, so re-importing a bundle changes nothing. Null props remove the property.
// $source is the provenance of new nodes whose row names none; $recorded_by (who
// created it: a user id, or 'import') is kept on new nodes, with the defaults in
// $on_create that the row does not override. Returns how many existing
// nodes changed; the summary's nodes_created counts the new ones. `updated_at` is set to
// $recorded_at (the app's clock) on create and on every change (the API's updated_since).
UNWIND $rows AS row
MERGE (n:__LABEL__ {id: row.id})
ON CREATE SET n += $on_create, n += row.props, n.source = coalesce(row.props.source, $source),
              n.recorded_by = $recorded_by,
              n.version = coalesce(row.version, 1), n.updated_at = $recorded_at
WITH n, row, any(k IN keys(row.props)
       WHERE NOT coalesce(n[k] = row.props[k], n[k] IS NULL AND row.props[k] IS NULL)) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |
  SET n += row.props, n.version = coalesce(n.version, 0) + 1, n.updated_at = $recorded_at)
RETURN sum(toInteger(changed)) AS updated
