// Returns tender dates (announcement, clarification, submission, award, contract start)
// from $today to $until, soonest first, with the tender and its buyer.
MATCH (t:Tender)
UNWIND [['announcement', t.announced_on], ['clarification deadline', t.clarification_deadline],
        ['submission deadline', t.submission_deadline], ['award', t.award_date],
        ['contract start', t.contract_start]] AS milestone
WITH t, milestone[0] AS what, milestone[1] AS on
WHERE on >= $today AND on <= $until
OPTIONAL MATCH (t)-[:ISSUED_BY]->(buyer:Organization)
RETURN {tender_id: t.id, title: t.title, status: t.status, what: what, on: on,
        buyer: buyer.name} AS milestone
ORDER BY on, t.id
