// Returns an organization for its page (no row if $id is unknown): its chain of parents
// up to the top, its direct parts, the people working there now (parts included) with
// their department and title, tenders it issued, and its sales to us.
MATCH (o:Organization {id: $id})
RETURN properties(o) AS props,
  COLLECT { MATCH path = (o)-[:PART_OF*1..8]->(top:Organization)
            WITH top, length(path) AS depth ORDER BY depth DESC
            RETURN top {.id, .name, .kind} } AS parents,
  COLLECT { MATCH (part:Organization)-[:PART_OF]->(o)
            RETURN part {.id, .name, .kind} AS part ORDER BY part.name } AS parts,
  COLLECT { MATCH (o)<-[:PART_OF*0..8]-(unit:Organization)<-[w:WORKS_AT]-(p:Person)
            WHERE coalesce(w.is_current, w.until IS NULL)
            RETURN DISTINCT {id: p.id, name: p.name, title: w.title,
                    department: coalesce(w.department, CASE WHEN unit <> o THEN unit.name END),
                    influence: p.influence,
                    covered: EXISTS { (:User)-[c:COVERS]->(p) WHERE c.until IS NULL }} AS person
            ORDER BY person.department, person.influence DESC } AS people,
  COLLECT { MATCH (t:Tender)-[:ISSUED_BY]->(o)
            RETURN t {.id, .title, .status, .submission_deadline} AS tender
            ORDER BY tender.submission_deadline DESC } AS tenders
