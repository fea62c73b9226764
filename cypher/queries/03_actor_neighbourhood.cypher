// An actor's neighbourhood: everyone it acts on or is acted on by, as a graph for Browser.
// In Browser first run   :param actor => 'CHN'
// params: {"actor": "CHN"}
MATCH p = (a:Actor {id: $actor})-[r]-(b:Actor)
RETURN p
LIMIT 200
