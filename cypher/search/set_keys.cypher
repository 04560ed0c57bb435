// Stores search keys ($rows: id, key) on __LABEL__ records, with the rule's $version.
UNWIND $rows AS row
MATCH (n:__LABEL__ {id: row.id})
SET n.search_key = row.key, n.search_key_v = $version
