// Returns person $id and up to $limit people who may be the same person: the same family
// name in Latin letters, or the same birth date and first letter of the given name
// (indexed lookups: a page's worth), each as a Candidate with current employers as of
// $today; $id first.
MATCH (me:Person {id: $id})
CALL (me) {
  RETURN me AS p
UNION
  MATCH (p:Person {family_key: me.family_key}) WHERE p <> me AND me.family_key <> '' RETURN p
UNION
  MATCH (p:Person {birthday_md: me.birthday_md})
  WHERE p <> me AND p.birthday_year = me.birthday_year
    AND left(p.given_key, 1) = left(me.given_key, 1)
  RETURN p
}
WITH me, p LIMIT $limit
OPTIONAL MATCH (p)-[w:WORKS_AT]->(o:Organization)
WHERE coalesce(w.is_current, true) AND (w.until IS NULL OR w.until >= $today)
WITH me, p, collect(DISTINCT o {.id, .name}) AS employers
RETURN p {.id, .name, .given_key, .family_key, .birthday_year, .birthday_month,
          .birthday_day, .email, .phone, employers: employers} AS person
ORDER BY p <> me, person.id
