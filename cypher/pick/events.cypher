// Up to $limit events whose name contains every word of $words (lower case), latest first,
// with their date and city as context.
MATCH (e:Event)
WHERE all(word IN $words WHERE toLower(e.name) CONTAINS word)
RETURN e.id AS id, e.name AS name,
       toString(e.starts_on) + coalesce(', ' + e.city, '') AS context
ORDER BY e.starts_on DESC
LIMIT $limit
