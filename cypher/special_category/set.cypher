// Writes a new record's special-category properties $props (special_category and
// special_category_words: kamgraph/screening/record.py) onto the __LABEL__ node $id.
MATCH (n:__LABEL__ {id: $id})
SET n += $props
