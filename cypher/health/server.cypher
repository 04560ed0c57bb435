// Returns the server's product and version, and how many nodes and relationships it holds.
CALL dbms.components() YIELD name, versions, edition
RETURN name + ' ' + versions[0] AS version, edition,
       COUNT { MATCH (n) } AS nodes,
       COUNT { MATCH ()-[r]->() } AS relationships
