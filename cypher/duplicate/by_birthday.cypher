// Returns people in blocks that share a full birth date and the first letter of their
// given name in Latin letters (a married name, a misspelt family name), blocks of two
// or more: `key` and each `person` as a Candidate, as in by_family.
MATCH (p:Person)
WHERE p.birthday_year IS NOT NULL AND p.birthday_md IS NOT NULL AND coalesce(p.given_key, '') <> ''
WITH toString(p.birthday_year) + '-' + p.birthday_md + ' ' + left(p.given_key, 1) AS key,
     collect(p) AS people
WHERE size(people) > 1
UNWIND people AS p
OPTIONAL MATCH (p)-[w:WORKS_AT]->(o:Organization)
WHERE coalesce(w.is_current, true) AND (w.until IS NULL OR w.until >= $today)
WITH key, p, collect(DISTINCT o {.id, .name}) AS employers
RETURN key, p {.id, .name, .given_key, .family_key, .birthday_year, .birthday_month,
               .birthday_day, .email, .phone, employers: employers} AS person
ORDER BY key, person.id
