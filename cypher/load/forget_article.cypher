// Remove what one article asserted: its relationships, its mentions, the article, and actors left
// with no relationship at all. $article: article id
MATCH (s:Actor)-[r]->(o:Actor)
WHERE r.article = $article
DELETE r
WITH count(*) AS removed
MATCH (d:Article {id: $article})
DETACH DELETE d
WITH removed
MATCH (a:Actor)
WHERE NOT (a)--()
DELETE a
