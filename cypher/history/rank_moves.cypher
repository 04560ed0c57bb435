// Returns the people whose influence rank moved by at least $places places (within the
// top $top) in a refresh at or after $since (the index on rank_moved_at): id, name, rank
// now and before, and when the move was stored.
MATCH (p:Person) WHERE p.rank_moved_at >= $since
  AND p.influence_rank_before IS NOT NULL
  AND abs(p.influence_rank - p.influence_rank_before) >= $places
  AND (p.influence_rank <= $top OR p.influence_rank_before <= $top)
RETURN p.id AS id, p.name AS name, p.influence_rank AS rank,
       p.influence_rank_before AS before, p.rank_moved_at AS at
ORDER BY abs(p.influence_rank - p.influence_rank_before) DESC, p.id
LIMIT $limit
