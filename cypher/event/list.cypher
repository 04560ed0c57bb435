// Returns events of kind $kind (null: any) whose name holds every word of $words (lower
// case; none: any) that start from $today on, soonest first (`upcoming`, up to $limit), and
// those that started in the $recent_days before $today (null: any time before), latest
// first (`recent`, up to $limit); each with its dates, city, how many people
// attended and spoke, and how many of them the team members $users cover now (`covered`).
CALL () {
  MATCH (e:Event)
  WHERE ($kind IS NULL OR e.kind = $kind) AND e.starts_on >= $today
    AND all(word IN $words WHERE toLower(e.name) CONTAINS word)
  WITH e ORDER BY e.starts_on, e.name LIMIT $limit
  RETURN collect(e) AS upcoming
}
CALL () {
  MATCH (e:Event)
  WHERE ($kind IS NULL OR e.kind = $kind) AND e.starts_on < $today
    AND ($recent_days IS NULL OR e.starts_on >= $today - duration({days: $recent_days}))
    AND all(word IN $words WHERE toLower(e.name) CONTAINS word)
  WITH e ORDER BY e.starts_on DESC, e.name LIMIT $limit
  RETURN collect(e) AS recent
}
RETURN [e IN upcoming | e {.id, .name, .kind, .starts_on, .ends_on, .city,
          attended: COUNT { (e)<-[:ATTENDED]-() },
          spoke: COUNT { (e)<-[:SPOKE_AT]-() },
          covered: COUNT { MATCH (u:User)-[c:COVERS]->(p:Person)-[:ATTENDED|SPOKE_AT]->(e)
                           WHERE u.id IN $users AND c.until IS NULL
                           RETURN DISTINCT p }}] AS upcoming,
       [e IN recent | e {.id, .name, .kind, .starts_on, .ends_on, .city,
          attended: COUNT { (e)<-[:ATTENDED]-() },
          spoke: COUNT { (e)<-[:SPOKE_AT]-() },
          covered: COUNT { MATCH (u:User)-[c:COVERS]->(p:Person)-[:ATTENDED|SPOKE_AT]->(e)
                           WHERE u.id IN $users AND c.until IS NULL
                           RETURN DISTINCT p }}] AS recent
