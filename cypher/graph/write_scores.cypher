// Stores batch analysis scores on people ($rows: id, influence, rank, broker, group,
// group_label) with the time they were computed ($at).
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
SET p.influence = row.influence, p.influence_rank = row.rank, p.broker = row.broker,
    p.group = row.group, p.group_label = row.group_label, p.scores_at = $at
