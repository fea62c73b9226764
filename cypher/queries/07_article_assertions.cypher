// Everything one article asserted, in text order.
// In Browser first run   :param article => 'cnn_2022-03-14_sullivan_yang_rome'
// params: {"article": "cnn_2022-03-14_sullivan_yang_rome"}
MATCH (s:Actor)-[r]->(o:Actor)
WHERE r.article = $article
RETURN r.sentence_index AS sentence_no, s.name AS subject, type(r) AS type, r.relation AS relation,
       o.name AS object, r.mode AS mode, r.attributed_to_name AS according_to, r.denied_by_name AS denied_by,
       r.sentence AS sentence
ORDER BY sentence_no, r.start
