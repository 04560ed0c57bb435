// Creates one __LABEL__ node from $props (with id and version); a duplicate id fails the
// uniqueness constraint. Returns the stored properties.
CREATE (n:__LABEL__)
SET n = $props
RETURN properties(n) AS props
