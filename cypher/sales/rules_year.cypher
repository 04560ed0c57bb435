// Returns the latest year before $before in which sales are recorded (no row if none):
// the year the key-account rules use.
MATCH (s:Sale)
WHERE s.year < $before
RETURN s.year AS year
ORDER BY s.year DESC
LIMIT 1
