"""Graph analyses: pure functions over NetworkX graphs and plain data (no Flask, no Neo4j)."""
