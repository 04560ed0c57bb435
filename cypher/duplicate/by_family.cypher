// Returns people in blocks that share a family name in Latin letters (family_key), only
// blocks of two or more: `key` and each `person` as a Candidate (current employers'
// ids and names, as of $today).
MATCH (p:Person)
WHERE p.family_key IS NOT NULL AND p.family_key <> ''
WITH p.family_key AS key, collect(p) AS people
WHERE size(people) > 1
UNWIND people AS p
OPTIONAL MATCH (p)-[w:WORKS_AT]->(o:Organization)
WHERE coalesce(w.is_current, true) AND (w.until IS NULL OR w.until >= $today)
WITH key, p, collect(DISTINCT o {.id, .name}) AS employers
RETURN key, p {.id, .name, .given_key, .family_key, .birthday_year, .birthday_month,
               .birthday_day, .email, .phone, employers: employers} AS person
ORDER BY key, person.id
