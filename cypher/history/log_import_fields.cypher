// Logs an import's changes to people's own fields, before the batch's upsert
// (bundle/upsert_nodes) in the same transaction: for each of $rows ({id, props}) naming a
// person who exists, one (:Change {type: 'Person', kind: 'changed'}) with those of the
// fields $tracked that the row holds and that differ from what is stored (compared as the
// upsert compares them), their before and after values as text (a list joined by "; "),
// at $recorded_at by $recorded_by from $source, linked [:ABOUT] to the person. A row that
// changes none of them, and a new person, log nothing. Returns how many entries it wrote.
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
WITH p, row, [k IN $tracked WHERE k IN keys(row.props)
       AND NOT coalesce(p[k] = row.props[k], p[k] IS NULL AND row.props[k] IS NULL)] AS fields
WHERE size(fields) > 0
CREATE (c:Change {
  id: randomUUID(), at: $recorded_at, by: $recorded_by, source: $source, type: 'Person',
  kind: 'changed', from_id: p.id, to_id: null, fields: fields,
  before: [k IN fields | CASE WHEN p[k] IS :: LIST<ANY> NOT NULL
                              THEN reduce(s = '', v IN p[k] |
                                          s + CASE WHEN s = '' THEN '' ELSE '; ' END
                                            + toString(v))
                              ELSE coalesce(toString(p[k]), '') END],
  after: [k IN fields | CASE WHEN row.props[k] IS :: LIST<ANY> NOT NULL
                             THEN reduce(s = '', v IN row.props[k] |
                                         s + CASE WHEN s = '' THEN '' ELSE '; ' END
                                           + toString(v))
                             ELSE coalesce(toString(row.props[k]), '') END]})
CREATE (c)-[:ABOUT]->(p)
RETURN count(c) AS logged
