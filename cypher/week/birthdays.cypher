// Returns the people user $user_id covers whose birthday falls in the month-days $days
// (a list of 'MM-DD', today first), with the birthday parts to compute age and countdown.
MATCH (:User {id: $user_id})-[c:COVERS]->(p:Person)
WHERE c.until IS NULL AND p.birthday_md IN $days
RETURN DISTINCT p {.id, .name, .birthday_month, .birthday_day, .birthday_year, .birthday_md,
                  stage: c.stage} AS person
