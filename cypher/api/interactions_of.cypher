// Returns up to $batch interactions tied [:__TYPE__] to the __LABEL__ $anchor (a person
// met, WITH; or the KAM who logged them, BY), in (updated_at, id) order after the cursor
// ($after_at, $after_id), logged by user $kam (null: anyone) and dated from $since_day to
// $until_day (null: open). Reads the anchor's interactions only. Rows as in
// interactions_since, all kept.
MATCH (:__LABEL__ {id: $anchor})<-[:__TYPE__]-(i:Interaction)
WHERE i.updated_at >= $after_at
  AND CASE WHEN i.updated_at = $after_at THEN i.id > $after_id ELSE true END
  AND ($kam IS NULL OR EXISTS { (i)-[:BY]->(:User {id: $kam}) })
  AND ($since_day IS NULL OR i.date >= $since_day)
  AND ($until_day IS NULL OR i.date <= $until_day)
WITH DISTINCT i
ORDER BY i.updated_at, i.id
LIMIT $batch
RETURN i {.id, .date, .kind, .done, version: coalesce(i.version, 1), .updated_at,
          user_id: [(i)-[:BY]->(u:User) | u.id][0]} AS row,
       true AS kept
