// Creates one Person from $props (must include id); fails on a duplicate id. Returns its id.
CREATE (p:Person)
SET p = $props
RETURN p.id AS id
