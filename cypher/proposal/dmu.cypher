// The DMU members a proposal argues to: the people with a role in tender $tender_id when
// it is not null, else the people working now at account $account_id or at a part of it.
// Each with their DMU type, tender role and stance (null without a tender); at most $limit.
CALL () {
  MATCH (p:Person)-[r:ROLE_IN]->(:Tender {id: $tender_id})
  WHERE $tender_id IS NOT NULL
  RETURN p, r.role AS role, r.stance AS stance
  UNION
  MATCH (p:Person)-[w:WORKS_AT]->(:Organization)-[:PART_OF*0..4]->(:Organization {id: $account_id})
  WHERE $tender_id IS NULL AND coalesce(w.is_current, w.until IS NULL)
  RETURN p, null AS role, null AS stance
}
WITH p, role, stance
ORDER BY p.family_name, p.given_name, p.id
RETURN DISTINCT p.id AS id, p.name AS name, p.dmu_type AS dmu_type, role, stance
LIMIT $limit
