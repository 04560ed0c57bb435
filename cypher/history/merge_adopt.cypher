// After a merge has moved the duplicate's [:ABOUT] relationships to the kept person $keep:
// the change-log entries that named the duplicate $duplicate as one of their ends name
// $keep instead, so they read as the kept person's history. Returns how many it changed.
MATCH (:Person {id: $keep})<-[:ABOUT]-(c:Change)
WHERE c.from_id = $duplicate OR c.to_id = $duplicate
SET c.from_id = CASE WHEN c.from_id = $duplicate THEN $keep ELSE c.from_id END,
    c.to_id = CASE WHEN c.to_id = $duplicate THEN $keep ELSE c.to_id END
RETURN count(c) AS adopted
