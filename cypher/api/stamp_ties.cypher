// Stamps up to $batch __TYPE__ ties that have no `updated_at` (written before it was kept;
// `kamgraph db init`) with when they were recorded, else $now. Returns how many were
// stamped.
MATCH ()-[r:__TYPE__]->()
WHERE r.updated_at IS NULL
WITH r LIMIT $batch
SET r.updated_at = CASE WHEN r.recorded_at IS :: ZONED DATETIME NOT NULL THEN r.recorded_at ELSE $now END
RETURN count(r) AS stamped
