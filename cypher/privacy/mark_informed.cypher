// Records that person $id was informed on $day (GDPR Art. 14); no row if there is none.
MATCH (p:Person {id: $id})
SET p.informed_on = $day
RETURN p.id AS id
