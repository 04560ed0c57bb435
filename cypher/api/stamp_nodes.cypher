// Stamps up to $batch __LABEL__ nodes that have no `updated_at` (written before it was
// kept; `kamgraph db init`) with when they were recorded, else their collection date (a
// person's, at midnight UTC), else $now. Returns how many were stamped.
MATCH (n:__LABEL__)
WHERE n.updated_at IS NULL
WITH n LIMIT $batch
SET n.updated_at = CASE
  WHEN n.recorded_at IS :: ZONED DATETIME NOT NULL THEN n.recorded_at
  WHEN n.collected_on IS :: DATE NOT NULL THEN datetime({date: n.collected_on, timezone: 'UTC'})
  ELSE $now END
RETURN count(n) AS stamped
