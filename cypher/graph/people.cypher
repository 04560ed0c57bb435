// Streams every person for the analysis graph: id, name, the organizations they belong to
// now (jobs, their parents, committees), current job titles, and tender roles.
MATCH (p:Person)
RETURN p.id AS id, p.name AS name,
       [(p)-[w:WORKS_AT]->(o:Organization) WHERE coalesce(w.is_current, true) | o.name]
       + [(p)-[w:WORKS_AT]->(:Organization)-[:PART_OF]->(parent:Organization)
          WHERE coalesce(w.is_current, true) | parent.name]
       + [(p)-[:MEMBER_OF]->(c:Organization) | c.name] AS organizations,
       [(p)-[w:WORKS_AT]->(:Organization) WHERE coalesce(w.is_current, true)
          AND w.title IS NOT NULL | w.title] AS job_titles,
       [(p)-[r:ROLE_IN]->(:Tender) | r.role] AS roles
