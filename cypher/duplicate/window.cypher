// Returns up to $limit people in family_key order after $after (the family_key index,
// read in order: a page's worth, never the whole graph), grouped by key, each as a
// Candidate with current employers as of $today: `key`, `person`.
MATCH (p:Person)
WHERE p.family_key > $after
WITH p ORDER BY p.family_key LIMIT $limit
OPTIONAL MATCH (p)-[w:WORKS_AT]->(o:Organization)
WHERE coalesce(w.is_current, true) AND (w.until IS NULL OR w.until >= $today)
WITH p, collect(DISTINCT o {.id, .name}) AS employers
RETURN p.family_key AS key,
       p {.id, .name, .given_key, .family_key, .birthday_year, .birthday_month,
          .birthday_day, .email, .phone, employers: employers} AS person
ORDER BY key, person.id
