// Returns the special-category record (JSON) and its justified words of the __LABEL__ nodes
// with the ids $ids (kamgraph.screening.record).
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
RETURN n.id AS id, n.special_category AS special_category, n.special_category_words AS words
