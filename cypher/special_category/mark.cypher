// Sets the special-category record (JSON) and its justified words on the __LABEL__ nodes of
// $rows ({id, special_category, words}); returns how many were marked.
UNWIND $rows AS row
MATCH (n:__LABEL__ {id: row.id})
SET n.special_category = row.special_category, n.special_category_words = row.words
RETURN count(n) AS marked
