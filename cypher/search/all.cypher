// Returns up to $limit matches per index for the Lucene query $terms, best first: people
// by name (and search key, kamgraph/folding.py) and by job (any word $any_terms in the
// title or department, then every word of $words in title, department and organization:
// "head of cardiology" finds a head of department at Cardiology),
// organizations, tenders by title and by the products they are for, events by name (and
// search key) with their kind and city as context. Each row has a line
// of context and `via`, what it matched through when not the name: 'job', or
// 'product:<brand>'. A record may come twice (name and job); the caller keeps one.
// With a stakeholder $segment (else null), only people of that segment, and each person's
// `segments`.
CALL () {
  CALL db.index.fulltext.queryNodes('person_names', $terms, {limit: $limit})
  YIELD node, score
  WHERE $segment IS NULL OR $segment IN coalesce(node.segments, [])
  RETURN 'person' AS kind, node.id AS id, node.name AS name, score,
         COLLECT { MATCH (node)-[w:WORKS_AT]->(o:Organization)
                   WHERE coalesce(w.is_current, w.until IS NULL)
                   RETURN coalesce(w.title + ', ', '') + o.name }[0] AS context,
         node.search_key AS key, node.specialty AS specialty, null AS via,
         node.segments AS segments
  UNION ALL
  CALL db.index.fulltext.queryRelationships('job_search', $any_terms, {limit: 200})
  YIELD relationship, score
  WITH startNode(relationship) AS node, relationship AS w, endNode(relationship) AS o, score
  WITH node, w, o, score,
       toLower(coalesce(w.title, '') + ' ' + coalesce(w.department, '') + ' ' + o.name) AS job
  WHERE node:Person AND coalesce(w.is_current, w.until IS NULL)
    AND all(word IN $words WHERE job CONTAINS word)
    AND ($segment IS NULL OR $segment IN coalesce(node.segments, []))
  // The title as typed first: "head of cardiology" before "deputy head of cardiology".
  WITH node, w, o, score + CASE WHEN toLower(w.title) STARTS WITH $phrase THEN 1.0 ELSE 0.0 END
       AS score
  ORDER BY score DESC LIMIT $limit
  RETURN 'person' AS kind, node.id AS id, node.name AS name, score,
         coalesce(w.title + ', ', '') + coalesce(w.department + ', ', '') + o.name AS context,
         null AS key, null AS specialty, 'job' AS via, node.segments AS segments
  UNION ALL
  CALL db.index.fulltext.queryNodes('organization_names', $terms, {limit: $limit})
  YIELD node, score
  WHERE $segment IS NULL
  RETURN 'organization' AS kind, node.id AS id, node.name AS name, score,
         node.kind + coalesce(', ' + node.city, '') AS context,
         node.search_key AS key, null AS specialty, null AS via, null AS segments
  UNION ALL
  CALL db.index.fulltext.queryNodes('tender_names', $terms, {limit: $limit})
  YIELD node, score
  WHERE $segment IS NULL
  RETURN 'tender' AS kind, node.id AS id, node.title AS name, score,
         node.status + coalesce(' · ' + node.reference, '') AS context,
         node.search_key AS key, null AS specialty, null AS via, null AS segments
  UNION ALL
  CALL db.index.fulltext.queryNodes('event_names', $terms, {limit: $limit})
  YIELD node, score
  WHERE $segment IS NULL
  RETURN 'event' AS kind, node.id AS id, node.name AS name, score,
         node.kind + coalesce(', ' + node.city, '') AS context,
         node.search_key AS key, null AS specialty, null AS via, null AS segments
  UNION ALL
  CALL db.index.fulltext.queryNodes('product_search', $terms, {limit: $limit})
  YIELD node, score
  WITH node, score WHERE $segment IS NULL
  MATCH (t:Tender)-[:FOR]->(node)
  RETURN 'tender' AS kind, t.id AS id, t.title AS name, score,
         t.status + coalesce(' · ' + t.reference, '') AS context,
         null AS key, null AS specialty, 'product:' + node.name AS via, null AS segments
}
RETURN kind, id, name, score, context, key, specialty, via, segments
ORDER BY score DESC
