// The free-text properties $keys of every record and tie that mention one of $words (lower
// case): where an erased person's name must be redacted. Lists of strings count too (the
// change log's before and after values).
CALL () {
  MATCH (n)
  WHERE n:Person OR n:Interaction OR n:Tender OR n:Organization OR n:Event OR n:Transfer
     OR n:Change
  RETURN elementId(n) AS element, 'node' AS what, properties(n) AS props
  UNION ALL
  MATCH ()-[r]->()
  WHERE r.evidence IS NOT NULL OR r.stance_evidence IS NOT NULL OR r.topic IS NOT NULL
  RETURN elementId(r) AS element, 'tie' AS what, properties(r) AS props
}
WITH element, what,
     [k IN $keys WHERE props[k] IS NOT NULL
        AND any(w IN $words WHERE
                  (props[k] IS :: STRING AND toLower(props[k]) CONTAINS w)
                  OR (props[k] IS :: LIST<STRING NOT NULL>
                      AND any(x IN props[k] WHERE toLower(x) CONTAINS w)))
      | [k, props[k]]] AS texts
WHERE size(texts) > 0
RETURN element, what, texts
