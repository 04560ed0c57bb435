// Counts $amount more against the throttle counter $key; a counter whose window has
// passed ($now, seconds since the epoch) starts again and expires $expiry seconds on.
// Returns the count in the current window.
MERGE (t:Throttle {key: $key})
WITH t, coalesce(t.expires_at, 0.0) <= $now AS expired
SET t.count = CASE WHEN expired THEN $amount ELSE t.count + $amount END,
    t.expires_at = CASE WHEN expired THEN $now + $expiry ELSE t.expires_at END
RETURN t.count AS count
