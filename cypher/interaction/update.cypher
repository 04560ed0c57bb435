// Changes interaction $id's properties $props if $expected_version is still current and
// user $user_id logged it, or $anyone is true (a lead or an admin); its version goes up and
// `updated_at` is $at. The write lock is taken before the version is read, so of two
// edits from one version exactly one passes. An interaction logged before versions were
// kept counts as version 1. Returns the version found, whether the user was allowed, and
// the properties before and after; no row if there is no such interaction.
MATCH (i:Interaction {id: $id})
SET i.kg_lock = true
WITH i, coalesce(i.version, 1) AS found,
     $anyone OR EXISTS { (i)-[:BY]->(:User {id: $user_id}) } AS allowed
REMOVE i.kg_lock
WITH i, found, allowed, properties(i) AS before
FOREACH (_ IN CASE WHEN allowed AND found = $expected_version THEN [1] ELSE [] END |
  SET i += $props, i.version = found + 1, i.updated_at = $at)
RETURN found, allowed, before, properties(i) AS props
