// Streams every person for the analysis graph: id, name, the organizations they belong to
// now (jobs, their parents, committees), current job titles, tender roles, and their
// outgoing ties of the types in $types packed as lists [target, type, kind, value,
// seen_days, until_days] (one record per person decodes several times faster than one
// per tie). Days are whole days before $today: seen is the later of recorded_at and
// since; until is when the tie ended.
MATCH (p:Person)
RETURN p.id AS id, p.name AS name,
       [(p)-[w:WORKS_AT]->(o:Organization) WHERE coalesce(w.is_current, true) | o.name]
       + [(p)-[w:WORKS_AT]->(:Organization)-[:PART_OF]->(parent:Organization)
          WHERE coalesce(w.is_current, true) | parent.name]
       + [(p)-[:MEMBER_OF]->(c:Organization) | c.name] AS organizations,
       [(p)-[w:WORKS_AT]->(:Organization) WHERE coalesce(w.is_current, true)
          AND w.title IS NOT NULL | w.title] AS job_titles,
       [(p)-[r:ROLE_IN]->(:Tender) | r.role] AS roles,
       COLLECT {
         MATCH (p)-[r]->(b:Person)
         WHERE type(r) IN $types
         WITH b, r, date(r.recorded_at) AS recorded, r.since AS since
         WITH b, r, CASE WHEN recorded IS NULL THEN since
                         WHEN since IS NULL OR recorded > since THEN recorded
                         ELSE since END AS seen
         RETURN [b.id, type(r), coalesce(r.kind, r.stage), coalesce(r.strength, r.weight),
                 CASE WHEN seen IS NULL THEN null ELSE duration.inDays(seen, $today).days END,
                 CASE WHEN r.until IS NULL THEN null
                      ELSE duration.inDays(r.until, $today).days END]
       } AS ties
