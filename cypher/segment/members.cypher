// Returns the ids among $ids of the people in stakeholder segment $segment (people.segments).
UNWIND $ids AS id
MATCH (p:Person {id: id})
WHERE $segment IN coalesce(p.segments, [])
RETURN p.id AS id
