// Upsert articles. $rows: [{id, props: {id, title, date, url, sha256, ...}}]
// params: {"rows": [{"id": "a1", "props": {"id": "a1", "title": "A title", "date": "2022-03-14"}}]}
UNWIND $rows AS row
MERGE (d:Article {id: row.id})
SET d += row.props
