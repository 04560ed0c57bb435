// Returns user $user_id's tenders, those where they cover a DMU member or someone who works
// at the buyer (or a department of it), with every date of the tender (announcement,
// clarification, submission, award, contract start) and the buyer's name; the caller
// keeps the dates, and the preparation plan's steps (their stored state in `steps`), that
// fall in the window.
MATCH (:User {id: $user_id})-[c:COVERS]->(p:Person)
WHERE c.until IS NULL
CALL (p) {
  MATCH (p)-[:ROLE_IN]->(t:Tender)
  RETURN t
  UNION
  MATCH (p)-[w:WORKS_AT]->(:Organization)-[:PART_OF*0..2]->(:Organization)<-[:ISSUED_BY]-(t:Tender)
  WHERE coalesce(w.is_current, true)
  RETURN t
}
WITH DISTINCT t
WHERE t.status IN ['planned', 'announced', 'clarification', 'submitted', 'evaluation']
   OR t.contract_start >= $today
OPTIONAL MATCH (t)-[:ISSUED_BY]->(buyer:Organization)
RETURN {tender_id: t.id, title: t.title, status: t.status, buyer: buyer.name,
        announced_on: t.announced_on, clarification_deadline: t.clarification_deadline,
        submission_deadline: t.submission_deadline, award_date: t.award_date,
        contract_start: t.contract_start,
        steps: COLLECT { MATCH (t)-[:HAS_STEP]->(s:PlanStep)
                         OPTIONAL MATCH (s)-[:OWNED_BY]->(u:User)
                         RETURN {key: s.key, done: coalesce(s.done, false), owner_id: u.id,
                                 owner: u.name} }} AS tender
ORDER BY t.id
