// Creates one __LABEL__ node from $props (with id and version); a duplicate id fails the
// uniqueness constraint. `updated_at` is $updated_at (the app's clock). Returns the stored
// properties.
CREATE (n:__LABEL__)
SET n = $props, n.updated_at = $updated_at
RETURN properties(n) AS props
