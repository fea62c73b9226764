// Denials, both ways: each REJECT made by denying claims, and the claims it denied. The denied claims
// are found in one pass over the assertions and grouped by denier and article, then joined to the
// denier's REJECTs in that article.
// params: {}
MATCH (s:Actor)-[r]->(o:Actor)
WHERE r.denied_by IS NOT NULL
WITH r.denied_by AS denier, r.article AS article,
     collect(DISTINCT s.name + ' ' + type(r) + ' ' + o.name) AS denied_claims
MATCH (d:Actor {id: denier})-[j:REJECT {article: article}]->(x:Actor)
RETURN d.name AS denier, x.name AS towards, j.sentence AS denial, denied_claims
ORDER BY denier, towards
