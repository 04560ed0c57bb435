// Approves or rejects ($status) pending transfer $id: who ($user_id), when ($at), why
// ($note). Returns its status before and after; no row if there is no such transfer.
MATCH (x:Transfer {id: $id})
WITH x, x.status AS before
FOREACH (_ IN CASE WHEN before = 'pending' THEN [1] ELSE [] END |
  SET x.status = $status, x.decided_by = $user_id, x.decided_at = $at,
      x.decision_note = $note)
RETURN before, x.status AS after
