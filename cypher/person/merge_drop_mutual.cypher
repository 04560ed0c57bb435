// Before merging $duplicate into $keep: drops the ties between the two (they are one person).
MATCH (:Person {id: $duplicate})-[r]-(:Person {id: $keep})
DELETE r
RETURN count(r) AS dropped
