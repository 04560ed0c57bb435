// Marks the next step of interaction $id done ($done true) or open again ($done false; an
// undo), or a proposal confirmed, if user $user_id logged it or follows it up (a handover
// gave it to her), or stands in for whoever does (a deputyship running on $today), or if
// $anyone is true (a lead or an admin); its version goes up and `updated_at` is $at. Returns its id and whether it was allowed; no row
// if there is no such interaction.
MATCH (i:Interaction {id: $id})
WITH i, $anyone OR EXISTS { (i)-[:BY|FOLLOW_UP_BY]->(:User {id: $user_id}) }
        OR EXISTS {
             MATCH (i)-[:BY|FOLLOW_UP_BY]->(:User)<-[:ABSENT]-(d:Deputyship)
                   -[:DEPUTY]->(:User {id: $user_id})
             WHERE d.ended_at IS NULL AND d.starts_on <= $today AND $today <= d.ends_on
           } AS allowed
FOREACH (_ IN CASE WHEN allowed THEN [1] ELSE [] END |
  SET i.done = $done, i.version = coalesce(i.version, 1) + 1, i.updated_at = $at)
RETURN i.id AS id, allowed
