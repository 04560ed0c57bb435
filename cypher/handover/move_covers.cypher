// Hands user $from_id's current covers of the people $ids to user $to_id: each becomes
// the receiver's (at the same ladder stage, since $today, recorded by $by at $at) unless she
// covers the person already, and the leaver's ends on $yesterday (kept as history: from
// $today the receiver covers the person, and the leaver no longer reads them through it).
// Each tie created, reopened or ended gets its (:Change) in the change log, as
// cypher/bundle/upsert_relationships.cypher writes them (source 'handover'). Returns how
// many moved. Every tie created, reopened or ended gets `updated_at` $at.
MATCH (old:User {id: $from_id}), (new:User {id: $to_id})
UNWIND $ids AS id
MATCH (old)-[c:COVERS]->(p:Person {id: id})
WHERE c.until IS NULL OR c.until >= $today
WITH old, new, c, p,
     EXISTS { MATCH (new)-[m:COVERS]->(p) WHERE m.until IS NULL OR m.until >= $today } AS already,
     head(COLLECT { MATCH (new)-[e:COVERS]->(p) RETURN properties(e) }) AS before
FOREACH (_ IN CASE WHEN already THEN [] ELSE [1] END |
  MERGE (new)-[n:COVERS]->(p)
  SET n.stage = c.stage, n.since = $today, n.until = null, n.source = 'handover',
      n.recorded_at = $at, n.recorded_by = $by, n.confirmed_by = null, n.updated_at = $at
  CREATE (made:Change {
    id: randomUUID(), at: $at, by: $by, source: 'handover', type: 'COVERS',
    from_id: new.id, to_id: p.id,
    kind: CASE WHEN before IS NULL THEN 'created' ELSE 'changed' END,
    fields: CASE WHEN before IS NULL THEN ['stage'] ELSE ['stage', 'until'] END,
    before: CASE WHEN before IS NULL THEN [''] ELSE [coalesce(before.stage, ''),
                                                     coalesce(toString(before.until), '')] END,
    after: CASE WHEN before IS NULL THEN [c.stage] ELSE [c.stage, ''] END})
  CREATE (made)-[:ABOUT]->(new)
  CREATE (made)-[:ABOUT]->(p))
SET c.until = $yesterday, c.updated_at = $at
CREATE (ended:Change {
  id: randomUUID(), at: $at, by: $by, source: 'handover', type: 'COVERS',
  from_id: old.id, to_id: p.id, kind: 'ended', fields: ['until'], before: [''],
  after: [toString($yesterday)]})
CREATE (ended)-[:ABOUT]->(old)
CREATE (ended)-[:ABOUT]->(p)
RETURN count(c) AS moved
