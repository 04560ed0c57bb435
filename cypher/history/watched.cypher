// Returns the changes made at or after $since to the people and tenders the user $user_id
// watches, newest first, at most $limit: each as in history/timeline.
MATCH (:User {id: $user_id})-[:WATCHES]->(w)<-[:ABOUT]-(c:Change)
WHERE c.at >= $since
WITH DISTINCT c ORDER BY c.at DESC LIMIT $limit
OPTIONAL MATCH (u:User {id: c.by})
RETURN c {.id, .at, .by, .source, .type, .kind, .from_id, .to_id, .fields, .before, .after,
          .merged_id, .merged_name,
          by_name: u.name,
          ends: [(c)-[:ABOUT]->(x) | {id: x.id, label: labels(x)[0],
                                      name: coalesce(x.name, x.title, x.id), status: x.status}]
         } AS change
ORDER BY change.at DESC
