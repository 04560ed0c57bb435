// Everything kamgraph holds about person $id, for their access request (GDPR Art. 15):
// their properties, every tie with the other end's name, the interactions they were in,
// and who on our team viewed or changed their record (the audit). No row if unknown.
// The change log's entries about them (history) are ties to a Change, with its contents.
MATCH (p:Person {id: $id})
RETURN properties(p) AS person,
       [(p)-[r]-(o) WHERE NOT o:AuditEntry | {type: type(r),
         direction: CASE WHEN startNode(r) = p THEN 'out' ELSE 'in' END,
         other: coalesce(o.name, o.title, CASE WHEN o:Change THEN o.type END, o.id),
         other_kind: labels(o)[0],
         properties: CASE WHEN o:Change
                       THEN o {.at, .kind, .type, .fields, .before, .after, .by}
                       ELSE properties(r) END}] AS ties,
       COLLECT { MATCH (i:Interaction)-[:WITH]->(p)
                 RETURN i {.id, .date, .kind, .notes, .commitments, .next_step, .due_date,
                           .objective, .agenda} AS interaction
                 ORDER BY interaction.date } AS interactions,
       COLLECT { MATCH (a:AuditEntry {target_id: p.id})
                 RETURN a {.at, .user_id, .action, .path} AS entry
                 ORDER BY entry.at } AS accesses
