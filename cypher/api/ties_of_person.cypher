// Returns up to $batch of person $person's ties of the types $types (at either end), in
// (updated_at, type, from_id, to_id) order after the cursor ($after_at, $after_type,
// $after_from, $after_to), current on $today or not as $current asks (null: either).
// Reads that person's ties only. Rows as in ties_after, all kept.
MATCH (:Person {id: $person})-[r]-()
WHERE type(r) IN $types AND r.updated_at >= $after_at
WITH r, type(r) AS type, startNode(r).id AS from_id, endNode(r).id AS to_id,
     (r.until IS NULL OR r.until >= $today) AND coalesce(r.is_current, true) AS current
WHERE ($current IS NULL OR current = $current)
  AND (r.updated_at > $after_at OR type > $after_type
       OR (type = $after_type
           AND (from_id > $after_from OR (from_id = $after_from AND to_id > $after_to))))
WITH DISTINCT r, type, from_id, to_id, current
ORDER BY r.updated_at, type, from_id, to_id
LIMIT $batch
RETURN {type: type, from_id: from_id, to_id: to_id, current: current,
        updated_at: r.updated_at, properties: properties(r)} AS row,
       true AS kept
