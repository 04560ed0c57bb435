// Creates one person from $props (with id and version); a duplicate id fails the
// uniqueness constraint. Returns the stored properties.
CREATE (p:Person)
SET p = $props
RETURN properties(p) AS props
