// Upsert articles. $rows: [{id, props: {id, title, date, url, sha256}}]
UNWIND $rows AS row
MERGE (d:Article {id: row.id})
SET d += row.props
