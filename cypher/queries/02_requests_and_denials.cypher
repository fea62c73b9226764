// Requests and who denied them: each REQUEST with the actor who denied it (if any), and the
// denier's own REJECT in the same article (found through the REJECT `article` index).
// params: {}
MATCH (s:Actor)-[r:REQUEST]->(o:Actor)
OPTIONAL MATCH (d:Actor {id: r.denied_by})-[j:REJECT {article: r.article}]->()
RETURN s.name AS requester, o.name AS asked, r.sentence AS sentence, r.attributed_to_name AS according_to,
       r.denied_by_name AS denied_by, collect(DISTINCT j.sentence) AS denial
ORDER BY requester, asked
