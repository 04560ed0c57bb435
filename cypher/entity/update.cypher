// Updates a __LABEL__ node only if $expected_version is still current. The write lock is
// taken (SET kg_lock) before the version is read, so of two concurrent edits from the same
// version exactly one passes. Returns the version found, and the properties before and
// after (the audit entry records what changed). A passing edit stamps `updated_at` with
// $updated_at (the app's clock).
MATCH (n:__LABEL__ {id: $id})
SET n.kg_lock = true
WITH n, n.version AS found
REMOVE n.kg_lock
WITH n, found, properties(n) AS before
FOREACH (_ IN CASE WHEN found = $expected_version THEN [1] ELSE [] END |
  SET n += $props, n.version = found + 1, n.updated_at = $updated_at)
RETURN found, before, properties(n) AS props
