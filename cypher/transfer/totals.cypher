// Yearly totals for the disclosure report: per person, kind and currency, the transfers
// dated in [$from, $to] whose status is in $statuses, in minor units (cents), with the
// person's current organization and the country it (or what it is part of) is in.
MATCH (x:Transfer)-[:TO]->(p:Person)
WHERE x.date >= $from AND x.date <= $to AND x.status IN $statuses
WITH p, x.kind AS kind, x.currency AS currency, sum(x.amount_minor) AS minor,
     count(x) AS n
RETURN p.id AS person_id, p.name AS person, kind, currency, minor, n,
  [(p)-[w:WORKS_AT]->(o:Organization) WHERE coalesce(w.is_current, w.until IS NULL)
   | o.name][0] AS organization,
  COLLECT { MATCH (p)-[w:WORKS_AT]->(o:Organization)
            WHERE coalesce(w.is_current, w.until IS NULL)
            MATCH path = (o)-[:PART_OF*0..6]->(a:Organization)
            WHERE a.country IS NOT NULL
            RETURN a.country ORDER BY length(path) LIMIT 1 } AS country
ORDER BY person, person_id, kind, currency
