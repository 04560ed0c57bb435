// Returns each organization's sales to us in $year in $currency (a row without a currency
// counts as $currency), with whether it is a key account: the accounts of the key-account
// rules, largest first.
MATCH (s:Sale {year: $year})-[:SOLD_TO]->(o:Organization)
WHERE coalesce(s.currency, $currency) = $currency
WITH o, sum(s.amount) AS sales
WHERE sales > 0
RETURN o.id AS id, o.name AS name, sales, coalesce(o.is_key_account, false) AS key
ORDER BY sales DESC, id
