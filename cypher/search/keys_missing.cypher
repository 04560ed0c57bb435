// Up to $limit __LABEL__ records whose search key is missing or made by a rule older
// than $version, with the field the key is made from ($field: name or title) and the
// nickname a person is also found by.
MATCH (n:__LABEL__)
WHERE n.search_key_v IS NULL OR n.search_key_v < $version
RETURN n.id AS id, n[$field] AS name, n.nickname AS nickname
LIMIT $limit
