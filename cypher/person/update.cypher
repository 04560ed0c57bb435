// Updates a person only if $expected_version is still current. The write lock is taken
// (SET kg_lock) before the version is read, so of two concurrent edits from the same
// version exactly one passes. Returns the version found and the properties after.
MATCH (p:Person {id: $id})
SET p.kg_lock = true
WITH p, p.version AS found
REMOVE p.kg_lock
FOREACH (_ IN CASE WHEN found = $expected_version THEN [1] ELSE [] END |
  SET p += $props, p.version = found + 1)
RETURN found, properties(p) AS props
