// Returns the ids of the open tenders (status in $open) issued by an organization or any
// of its parts, soonest submission deadline first.
MATCH (:Organization {id: $id})<-[:PART_OF*0..8]-(:Organization)<-[:ISSUED_BY]-(t:Tender)
WHERE t.status IN $open
RETURN DISTINCT t.id AS id, t.submission_deadline AS deadline
ORDER BY deadline, id
