// Every assertion between two actors, with its type and properties: the edges graphkit.graph.load_graph
// reads from Neo4j (it applies the facts/events/date filter itself, as for every other source).
MATCH (s:Actor)-[r]->(o:Actor)
RETURN s.id AS subject, o.id AS object, type(r) AS type, properties(r) AS p
