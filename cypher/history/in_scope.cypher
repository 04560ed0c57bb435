// Returns the changes of the types $types made at or after $since about the people of a
// reader's network, newest first, at most $limit (the limit after the filter): each as in
// history/timeline. Her network (services/scope.py's rule, read from the reader's side so
// the cost follows it, not the graph): the people of the territories $regions, the people
// working now at an organization of those territories or at an account one of the
// colleagues $users manages (or at a part of it), the people one of $users covers now,
// and the people the reader $user_id watches. The service then checks each change's other
// ends against the full rule.
CALL () {
  MATCH (p:Person) WHERE p.region IN $regions
  RETURN p
  UNION
  MATCH (a:Organization) WHERE a.region IN $regions
  MATCH (a)<-[:PART_OF*0..6]-(:Organization)<-[w:WORKS_AT]-(p:Person)
  WHERE coalesce(w.is_current, w.until IS NULL)
  RETURN p
  UNION
  MATCH (u:User)-[:MANAGES]->(a:Organization) WHERE u.id IN $users
  MATCH (a)<-[:PART_OF*0..6]-(:Organization)<-[w:WORKS_AT]-(p:Person)
  WHERE coalesce(w.is_current, w.until IS NULL)
  RETURN p
  UNION
  MATCH (u:User)-[c:COVERS]->(p:Person)
  WHERE u.id IN $users AND (c.until IS NULL OR c.until >= $today)
  RETURN p
  UNION
  MATCH (:User {id: $user_id})-[:WATCHES]->(p:Person)
  RETURN p
}
// From each person to her changes: `c` has no label on purpose (only a :Change is ABOUT
// anything), so the planner cannot scan the Change.at index once per person instead, as it
// did on a graph whose statistics it had read while the log was empty (156 s at 100,000
// people, against 0.2 s).
MATCH (p)<-[:ABOUT]-(c)
WHERE c.at >= $since AND c.type IN $types
WITH DISTINCT c ORDER BY c.at DESC LIMIT $limit
OPTIONAL MATCH (u:User {id: c.by})
RETURN c {.id, .at, .by, .source, .type, .kind, .from_id, .to_id, .fields, .before, .after,
          .merged_id, .merged_name,
          by_name: u.name,
          ends: [(c)-[:ABOUT]->(x) | {id: x.id, label: labels(x)[0],
                                      name: coalesce(x.name, x.title, x.id), status: x.status}]
         } AS change
ORDER BY change.at DESC
