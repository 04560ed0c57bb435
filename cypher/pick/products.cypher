// Up to $limit products matching the Lucene query $terms (brand or INN), best first, with
// their INN and maker as context.
CALL db.index.fulltext.queryNodes('product_search', $terms, {limit: $limit})
YIELD node, score
RETURN node.id AS id, node.name AS name,
       node.inn + coalesce(', ' + [(node)-[:MADE_BY]->(o:Organization) | o.name][0], '') AS context
ORDER BY score DESC
