// Most-mentioned actors: in how many articles each actor appears and in how many assertions.
// params: {}
MATCH (a:Actor)-[:MENTIONED_IN]->(d:Article)
WITH a, count(DISTINCT d) AS articles
RETURN a.id AS id, a.name AS name, a.type AS type, articles, COUNT { (a)-[]-(:Actor) } AS assertions
ORDER BY articles DESC, assertions DESC, name
LIMIT 25
