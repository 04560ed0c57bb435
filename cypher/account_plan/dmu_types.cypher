// Returns the DMU type (what moves them) of the people $ids: id, dmu_type.
MATCH (p:Person)
WHERE p.id IN $ids
RETURN p.id AS id, p.dmu_type AS dmu_type
