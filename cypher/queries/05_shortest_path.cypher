// Shortest path between two actors over any assertions (either direction).
// In Browser first run   :param source => 'person:jake-sullivan'   and   :param target => 'UKR'
// params: {"source": "person:jake-sullivan", "target": "UKR"}
MATCH (a:Actor {id: $source}), (b:Actor {id: $target})
MATCH p = shortestPath((a)-[*..8]-(b))
RETURN p, [n IN nodes(p) | n.name] AS names, length(p) AS hops
