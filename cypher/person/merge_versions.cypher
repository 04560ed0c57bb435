// Returns the stored versions of people $keep and $duplicate, locking both for the merge
// (a write to each), so a concurrent edit waits and a stale merge is seen.
MATCH (keep:Person {id: $keep}), (dup:Person {id: $duplicate})
SET keep.version = keep.version, dup.version = dup.version
RETURN keep.version AS keep, dup.version AS duplicate
