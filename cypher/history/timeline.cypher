// Returns the newest $limit changes about the person $id (the change log, newest first):
// each with its ends (id, label, name, and a tender's status) and the name of the user who
// made it, if a user did (a merge: the id and name of the duplicate that went).
MATCH (:Person {id: $id})<-[:ABOUT]-(c:Change)
WITH c ORDER BY c.at DESC LIMIT $limit
OPTIONAL MATCH (u:User {id: c.by})
RETURN c {.id, .at, .by, .source, .type, .kind, .from_id, .to_id, .fields, .before, .after,
          .merged_id, .merged_name,
          by_name: u.name,
          ends: [(c)-[:ABOUT]->(x) | {id: x.id, label: labels(x)[0],
                                      name: coalesce(x.name, x.title, x.id), status: x.status}]
         } AS change
ORDER BY change.at DESC
