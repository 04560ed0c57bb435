// Sets the objective and agenda of interaction $id if user $user_id logged it, or if
// $anyone is true (a lead or an admin); its version goes up and `updated_at` is $at. Returns its id and whether it was allowed; no row
// if there is no such interaction.
MATCH (i:Interaction {id: $id})
WITH i, $anyone OR EXISTS { (i)-[:BY]->(:User {id: $user_id}) } AS allowed
FOREACH (_ IN CASE WHEN allowed THEN [1] ELSE [] END |
  SET i.objective = $objective, i.agenda = $agenda, i.version = coalesce(i.version, 1) + 1,
      i.updated_at = $at)
RETURN i.id AS id, allowed
