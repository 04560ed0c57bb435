// Logs a merge in the merge's transaction: one (:Change {type: 'Person', kind: 'merged'})
// about the kept person $keep, naming the duplicate that went ($merged_id, $merged_name)
// and the $fields whose value came from it ($before: the kept person's, $after: the
// duplicate's, as text), at $at by $by, linked [:ABOUT] to the kept person.
MATCH (p:Person {id: $keep})
CREATE (c:Change {id: randomUUID(), at: $at, by: $by, source: 'manual', type: 'Person',
                  kind: 'merged', from_id: p.id, to_id: null, fields: $fields,
                  before: $before, after: $after,
                  merged_id: $merged_id, merged_name: $merged_name})
CREATE (c)-[:ABOUT]->(p)
