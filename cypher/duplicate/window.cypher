// Returns up to $limit people in (family_key, id) order after the cursor ($after, and
// $after_id: within the block $after, the people after this id; null: after the whole
// block), read from the family_key index in order (a page's worth, never the whole
// graph), each as a Candidate with current employers as of $today: `key`, `person`.
MATCH (p:Person)
WHERE p.family_key >= $after
  AND (p.family_key > $after OR ($after_id IS NOT NULL AND p.id > $after_id))
WITH p ORDER BY p.family_key, p.id LIMIT $limit
OPTIONAL MATCH (p)-[w:WORKS_AT]->(o:Organization)
WHERE coalesce(w.is_current, true) AND (w.until IS NULL OR w.until >= $today)
WITH p, collect(DISTINCT o {.id, .name}) AS employers
RETURN p.family_key AS key,
       p {.id, .name, .given_key, .family_key, .birthday_year, .birthday_month,
          .birthday_day, .email, .phone, employers: employers} AS person
ORDER BY key, person.id
