// Returns up to $limit matches per kind for the Lucene query $terms over the full-text
// indexes of people, organizations and tenders, best first, with a line of context each.
CALL () {
  CALL db.index.fulltext.queryNodes('person_search', $terms, {limit: $limit})
  YIELD node, score
  RETURN 'person' AS kind, node.id AS id, node.name AS name, score,
         COLLECT { MATCH (node)-[w:WORKS_AT]->(o:Organization)
                   WHERE coalesce(w.is_current, w.until IS NULL)
                   RETURN coalesce(w.title + ', ', '') + o.name }[0] AS context
  UNION ALL
  CALL db.index.fulltext.queryNodes('organization_search', $terms, {limit: $limit})
  YIELD node, score
  RETURN 'organization' AS kind, node.id AS id, node.name AS name, score,
         node.kind + coalesce(', ' + node.city, '') AS context
  UNION ALL
  CALL db.index.fulltext.queryNodes('tender_search', $terms, {limit: $limit})
  YIELD node, score
  RETURN 'tender' AS kind, node.id AS id, node.title AS name, score,
         node.status + coalesce(' · ' + node.reference, '') AS context
}
RETURN kind, id, name, score, context
ORDER BY score DESC
