// Accusations by country: who accuses whom (ACCUSE, facts only), rolled up to countries.
// params: {}
MATCH (s:Actor)-[r:ACCUSE]->(o:Actor)
WHERE r.mode IS NULL AND s.country IS NOT NULL
RETURN s.country AS accuser, o.country AS accused, count(r) AS accusations, collect(r.sentence)[0..3] AS examples
ORDER BY accusations DESC, accuser
