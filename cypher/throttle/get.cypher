// Returns the throttle counter $key and when its window ends, if the window is still open
// at $now (seconds since the epoch); no row otherwise.
MATCH (t:Throttle {key: $key})
WHERE t.expires_at > $now
RETURN t.count AS count, t.expires_at AS expires_at
