// Notes that API token $id was used on $today (written at most once a day per token).
// Returns the token's id.
MATCH (t:ApiToken {id: $id})
WHERE t.last_used_on IS NULL OR t.last_used_on < $today
SET t.last_used_on = $today
RETURN t.id AS id
