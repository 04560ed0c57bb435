// Gives people recorded before these fields existed a lawful basis ($basis) and a
// collection date ($today: the day kamgraph starts counting the month to inform them).
// Returns how many changed.
MATCH (p:Person)
WHERE p.lawful_basis IS NULL OR p.collected_on IS NULL
SET p.lawful_basis = coalesce(p.lawful_basis, $basis),
    p.collected_on = coalesce(p.collected_on, $today)
RETURN count(p) AS changed
