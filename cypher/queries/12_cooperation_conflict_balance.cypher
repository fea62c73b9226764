// Cooperation-conflict balance of each actor: mean score of what it does and of what is done to it.
// params: {}
MATCH (a:Actor)
OPTIONAL MATCH (a)-[out]->() WHERE out.score IS NOT NULL AND out.mode IS NULL
WITH a, avg(out.score) AS gives, count(out) AS acts
OPTIONAL MATCH (a)<-[inc]-() WHERE inc.score IS NOT NULL AND inc.mode IS NULL
WITH a, gives, acts, avg(inc.score) AS receives, count(inc) AS received
WHERE acts + received > 0
RETURN a.id AS id, a.name AS name, acts, gives, received, receives
ORDER BY acts + received DESC, name
