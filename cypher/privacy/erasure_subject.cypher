// The person $id as an erasure needs them: their names, and the interactions they took
// part in (`alone`: nobody else took part, so its notes are all about them).
MATCH (p:Person {id: $id})
RETURN p.name AS name, p.given_name AS given_name, p.family_name AS family_name,
       COLLECT { MATCH (p)<-[:WITH]-(i:Interaction)
                 RETURN {id: i.id, alone: NOT EXISTS { (i)-[:WITH]->(o:Person) WHERE o <> p }} }
         AS interactions
