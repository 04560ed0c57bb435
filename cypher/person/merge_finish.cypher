// Completes a merge: stores the merged $props on $keep (version up by one) and deletes
// $duplicate, but only once it has no relationships left. Returns whether it was deleted.
MATCH (keep:Person {id: $keep}), (dup:Person {id: $duplicate})
SET keep += $props, keep.version = keep.version + 1,
    keep.merged_ids = coalesce(keep.merged_ids, []) + [$duplicate]
WITH dup WHERE NOT EXISTS { (dup)--() }
DELETE dup
RETURN true AS deleted
