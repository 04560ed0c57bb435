// Returns the relationship types on person $duplicate, by direction: `out` (from it) and
// `in` (to it), so a merge moves every type there is, including ones added later.
MATCH (dup:Person {id: $duplicate})
RETURN COLLECT { MATCH (dup)-[r]->() RETURN DISTINCT type(r) } AS out,
       COLLECT { MATCH (dup)<-[r]-() RETURN DISTINCT type(r) } AS in
