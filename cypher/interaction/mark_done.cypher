// Marks the next step of interaction $id done (or a proposal confirmed); returns its id.
MATCH (i:Interaction {id: $id})
SET i.done = true
RETURN i.id AS id
