// Returns an account's sales rows: year, product (id and name, or null), amount and
// currency (a row without one is in $currency); latest year first.
MATCH (s:Sale)-[:SOLD_TO]->(:Organization {id: $id})
OPTIONAL MATCH (s)-[:OF_PRODUCT]->(p:Product)
RETURN s.year AS year, p.id AS product_id, p.name AS product, s.amount AS amount,
       coalesce(s.currency, $currency) AS currency
ORDER BY year DESC, product, amount DESC
