// Returns the people $ids as Candidates (current employers as of $today): `person`.
UNWIND $ids AS id
MATCH (p:Person {id: id})
OPTIONAL MATCH (p)-[w:WORKS_AT]->(o:Organization)
WHERE coalesce(w.is_current, true) AND (w.until IS NULL OR w.until >= $today)
WITH p, collect(DISTINCT o {.id, .name}) AS employers
RETURN p {.id, .name, .given_key, .family_key, .birthday_year, .birthday_month,
          .birthday_day, .email, .phone, employers: employers} AS person
