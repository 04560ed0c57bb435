// Writes redacted free text back: $nodes and $ties ({element, props}) by element id.
CALL () {
  UNWIND $nodes AS row
  MATCH (n) WHERE elementId(n) = row.element
  SET n += row.props
}
CALL () {
  UNWIND $ties AS row
  MATCH ()-[r]->() WHERE elementId(r) = row.element
  SET r += row.props
}
