// Collapses up to $limit pairs of opposite __TYPE__ ties (a symmetric type, such as KNOWS,
// entered from both sides before it was stored once) into one tie from the smaller id.
// The tie recorded later (recorded_at, then since) wins; a property only the earlier one
// has is kept. Returns how many pairs were collapsed; run until it says 0.
MATCH (a:Person)-[one:__TYPE__]->(b:Person)-[other:__TYPE__]->(a)
WHERE a.id < b.id
WITH a, b, one, other LIMIT $limit
WITH one, other,
     coalesce(one.recorded_at, $never) AS one_at, coalesce(other.recorded_at, $never) AS other_at,
     coalesce(one.since, $never_day) AS one_since, coalesce(other.since, $never_day) AS other_since
WITH one, other,
     CASE WHEN other_at > one_at OR (other_at = one_at AND other_since > one_since)
          THEN [one, other] ELSE [other, one] END AS older_newer
WITH one, other, properties(older_newer[0]) AS older, properties(older_newer[1]) AS newer
SET one = older
SET one += newer
DELETE other
RETURN count(other) AS collapsed
