// The name of our company (the organization of kind our_company), the data controller.
MATCH (o:Organization {kind: 'our_company'})
RETURN o.name AS name
ORDER BY o.id
LIMIT 1
