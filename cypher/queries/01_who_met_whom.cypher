// Who met whom: every CONSULT (meetings, visits, calls, talks) that the articles state as fact,
// with the sentence it came from.
// params: {}
MATCH (s:Actor)-[r:CONSULT]->(o:Actor)
WHERE r.mode IS NULL
RETURN s.name AS actor, o.name AS met, r.relation AS how, r.article AS article, r.sentence AS sentence
ORDER BY actor, met
