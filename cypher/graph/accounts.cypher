// Returns every organization with our annual sales recorded: the accounts of the Pareto curve.
MATCH (o:Organization)
WHERE o.annual_sales IS NOT NULL AND o.annual_sales > 0
RETURN o.id AS id, o.name AS name, o.annual_sales AS sales, coalesce(o.is_key_account, false) AS key
ORDER BY sales DESC, id
