// Streams every event that has begun by $today with the people tied to it by a type in
// $types (ATTENDED, SPOKE_AT) and not ended before $today: its id, its last day (ends_on,
// else starts_on) and the ids of its people, when at least two. The analyses project them
// onto person-person ties (analytics/projection.co_attendance).
MATCH (e:Event)
WHERE e.starts_on IS NULL OR e.starts_on <= $today
CALL (e) {
  MATCH (p:Person)-[r]->(e)
  WHERE type(r) IN $types AND (r.until IS NULL OR r.until >= $today)
  RETURN collect(DISTINCT p.id) AS people
}
WITH e, people WHERE size(people) > 1
RETURN e.id AS id, coalesce(e.ends_on, e.starts_on) AS day, people
