// Takes back the dismissal of people $a and $b as two people (either direction), so the
// pair may be listed as possible duplicates again. A row (`restored`) per tie deleted; no
// row if the pair was not dismissed.
MATCH (:Person {id: $a})-[r:NOT_DUPLICATE]-(:Person {id: $b})
DELETE r
RETURN true AS restored
