// Returns up to $batch __TYPE__ ties changed at or after $after_at, in (updated_at,
// from_id, to_id) order after the cursor ($after_at, $after_from, $after_to): a range of
// the type's updated_at index. Each row holds the tie's ends, type, properties and whether
// it is current on $today (no `until` before it, not marked no longer current), and is
// `kept` if that matches $current (null: either). The batch is read whatever it keeps.
MATCH (a)-[r:__TYPE__]->(b)
WHERE r.updated_at >= $after_at
  AND CASE WHEN r.updated_at = $after_at
        THEN a.id > $after_from OR (a.id = $after_from AND b.id > $after_to) ELSE true END
WITH a, r, b
ORDER BY r.updated_at, a.id, b.id
LIMIT $batch
WITH a, r, b, (r.until IS NULL OR r.until >= $today) AND coalesce(r.is_current, true) AS current
RETURN {type: type(r), from_id: a.id, to_id: b.id, current: current,
        updated_at: r.updated_at, properties: properties(r)} AS row,
       $current IS NULL OR current = $current AS kept
