// Returns the ids of people who work now in organization $org (or any of its parts), or
// in the organizations of region $region (whichever is given; the other is null).
MATCH (o:Organization)
WHERE o.id = $org OR o.region = $region
MATCH (o)<-[:PART_OF*0..6]-(:Organization)<-[w:WORKS_AT]-(p:Person)
WHERE coalesce(w.is_current, true)
RETURN DISTINCT p.id AS id
