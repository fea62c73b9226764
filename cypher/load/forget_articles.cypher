// After forget_assertions: remove the articles, and the actors they mentioned that are left with no
// relationship at all. $articles: article ids
// params: {"articles": ["a1"]}
UNWIND $articles AS article
MATCH (d:Article {id: article})
OPTIONAL MATCH (a:Actor)-[:MENTIONED_IN]->(d)
WITH d, collect(a) AS named
DETACH DELETE d
WITH named
UNWIND named AS a
WITH DISTINCT a
WHERE NOT (a)--()
DELETE a
