// Logs an edit of the person $id's own fields: one (:Change {type: 'Person', kind:
// 'changed'}) with the $fields changed and their $before and $after values as text, at
// $at by $by, linked [:ABOUT] to the person. Written in the edit's transaction.
MATCH (p:Person {id: $id})
CREATE (c:Change {id: randomUUID(), at: $at, by: $by, source: 'manual', type: 'Person',
                  kind: 'changed', from_id: p.id, to_id: null, fields: $fields,
                  before: $before, after: $after})
CREATE (c)-[:ABOUT]->(p)
