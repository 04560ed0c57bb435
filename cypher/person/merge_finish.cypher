// Completes a merge: stores the merged $props on $keep (version up by one), leaves a
// (:MergedPerson {id: $duplicate})-[:MERGED_INTO]->(keep) so the old id still leads to the
// person (`updated_at` $at), and deletes $duplicate, but only once it has no relationships left. Returns
// whether it was deleted.
MATCH (keep:Person {id: $keep}), (dup:Person {id: $duplicate})
SET keep += $props, keep.version = keep.version + 1, keep.updated_at = $at,
    keep.merged_ids = coalesce(keep.merged_ids, []) + [$duplicate]
WITH keep, dup WHERE NOT EXISTS { (dup)--() }
DELETE dup
MERGE (gone:MergedPerson {id: $duplicate})
SET gone.merged_at = $at, gone.merged_by = $by
MERGE (gone)-[:MERGED_INTO]->(keep)
RETURN true AS deleted
