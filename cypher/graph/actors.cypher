// Every actor with its properties: the nodes graphkit.graph.load_graph reads from Neo4j.
MATCH (a:Actor)
RETURN properties(a) AS p
