// Denials, both ways: each REJECT made by denying a claim, and the claims it denied.
// params: {}
MATCH (d:Actor)-[j:REJECT]->(x:Actor)
OPTIONAL MATCH (s:Actor)-[r]->(o:Actor)
WHERE r.denied_by = d.id AND r.article = j.article
RETURN d.name AS denier, x.name AS towards, j.sentence AS denial,
       collect(DISTINCT s.name + ' ' + type(r) + ' ' + o.name) AS denied_claims
ORDER BY denier
