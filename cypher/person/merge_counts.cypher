// Returns, for each of the people $ids, how many ties (relationships to other people and
// to organizations, tenders, events; KNOWS once; not pairs dismissed as two people) and
// how many interactions they have: what a merge will move. `id`, `ties`, `interactions`.
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN id,
       COUNT { (p)-[r]-(x) WHERE NOT x:Interaction AND NOT x:MergedPerson
                 AND type(r) <> 'NOT_DUPLICATE' } AS ties,
       COUNT { (p)<-[:WITH]-(:Interaction) } AS interactions
