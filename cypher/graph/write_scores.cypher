// Stores batch analysis scores on people ($rows: id, influence, rank, broker, group,
// group_label) with the time they were computed ($at).
// History: the influence rank a move is measured from (influence_rank_before) is the
// stored rank as it stood when the baseline was last taken (rank_baseline_at), retaken
// once it is older than $baseline (or held no rank yet); a move of at least $places places within the top $top
// stamps rank_moved_at = $at (indexed: What changed reads only the movers).
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
WITH p, row, (p.rank_baseline_at IS NULL OR p.rank_baseline_at <= $baseline
               OR p.influence_rank_before IS NULL) AS rebase
WITH p, row, rebase,
     CASE WHEN rebase THEN p.influence_rank ELSE p.influence_rank_before END AS before
SET p.influence = row.influence, p.influence_rank = row.rank, p.broker = row.broker,
    p.group = row.group, p.group_label = row.group_label, p.scores_at = $at,
    p.influence_rank_before = before,
    p.rank_baseline_at = CASE WHEN rebase THEN $at ELSE p.rank_baseline_at END,
    p.rank_moved_at = CASE
      WHEN before IS NOT NULL AND abs(row.rank - before) >= $places
           AND (row.rank <= $top OR before <= $top) THEN $at
      ELSE p.rank_moved_at END
