// Link actors to the articles that mention them. $rows: [{actor, article}]
// params: {"rows": [{"actor": "CHN", "article": "a1"}]}
UNWIND $rows AS row
MATCH (a:Actor {id: row.actor})
MATCH (d:Article {id: row.article})
MERGE (a)-[:MENTIONED_IN]->(d)
