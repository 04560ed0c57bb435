// Returns up to $batch interactions changed at or after $after_at, in (updated_at, id)
// order, after the cursor ($after_at, $after_id): two seeks of the interaction_updated_id
// index, each a page at most (as in people_since). Each row says whether it is `kept`:
// dated from $since_day to $until_day (either null: open); the batch is read whatever it
// keeps, so a request costs its batch.
CALL () {
  MATCH (i:Interaction)
  WHERE i.updated_at = $after_at AND i.id > $after_id
  RETURN i
  ORDER BY i.updated_at, i.id
  LIMIT $batch
UNION
  MATCH (i:Interaction)
  WHERE i.updated_at > $after_at AND i.id IS NOT NULL
  RETURN i
  ORDER BY i.updated_at, i.id
  LIMIT $batch
}
WITH i
ORDER BY i.updated_at, i.id
LIMIT $batch
RETURN i {.id, .date, .kind, .done, version: coalesce(i.version, 1), .updated_at,
          user_id: [(i)-[:BY]->(u:User) | u.id][0]} AS row,
       ($since_day IS NULL OR i.date >= $since_day)
         AND ($until_day IS NULL OR i.date <= $until_day) AS kept
