// Returns a tender for its page (no row if $id is unknown): its properties, buyer, lots,
// the products bid or specified with their makers, and which makers are competitors.
MATCH (t:Tender {id: $id})
OPTIONAL MATCH (t)-[:ISSUED_BY]->(buyer:Organization)
RETURN properties(t) AS props, buyer {.id, .name} AS buyer,
  COLLECT { MATCH (l:Lot)-[:LOT_OF]->(t)
            RETURN l {.id, .number, .inn, .volume, .unit, .value} AS lot
            ORDER BY lot.number } AS lots,
  COLLECT { MATCH (t)-[f:FOR]->(pr:Product)
            OPTIONAL MATCH (pr)-[:MADE_BY]->(maker:Organization)
            RETURN {id: pr.id, name: pr.name, inn: pr.inn, lot: f.lot, maker: maker.name,
                    maker_kind: maker.kind} AS product
            ORDER BY product.lot, product.name } AS products
