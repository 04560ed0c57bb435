// People not yet told that we hold their data (GDPR Art. 14), oldest collection first,
// with the day the month to inform them ends, their organization and who covers them.
MATCH (p:Person)
WHERE p.informed_on IS NULL
RETURN p.id AS id, p.name AS name, p.collected_on AS collected_on,
       p.lawful_basis AS lawful_basis, p.source AS source, p.email AS email,
       [(p)-[w:WORKS_AT]->(o:Organization) WHERE coalesce(w.is_current, true) | o.name][0]
         AS organization,
       [(u:User)-[c:COVERS]->(p) WHERE c.until IS NULL | u.name] AS covered_by
ORDER BY collected_on, id
