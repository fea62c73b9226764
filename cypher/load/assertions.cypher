// Upsert one relationship per assertion. __TYPE__ is filled by the loader from its closed vocabulary
// (the 16 PLOVER event types, AFFILIATED_WITH, RELATED_TO); the type's uniqueness constraint on `id`
// makes the MERGE an index seek. $rows: [{id, subject, object, props}]
// params: {"rows": [{"id": "x1", "subject": "RUS", "object": "CHN", "props": {"id": "x1", "article": "a1"}}]}
UNWIND $rows AS row
MATCH (s:Actor {id: row.subject})
MATCH (o:Actor {id: row.object})
MERGE (s)-[r:__TYPE__ {id: row.id}]->(o)
SET r += row.props
