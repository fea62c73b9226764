// Upsert actors: MERGE on the constrained key only, then properties, then the label of the actor's type
// (Country, Person, Organization, IGO, NGO, Agent, Group; the loader takes it from graphkit's closed
// vocabulary). An actor whose type changed (an `--actors` file makes an org an NGO) loses its old type
// label; labels of a user's own stay. $rows: [{id, label, props: {id, name, type, country, sector, role}}],
// $labels: every type label
// params: {"rows": [{"id": "CHN", "label": "Country", "props": {"id": "CHN", "name": "China", "type": "country", "country": "CHN", "sector": null, "role": null}}], "labels": ["Country", "Person", "Organization", "IGO", "NGO", "Agent", "Group"]}
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
SET a += row.props
WITH a, row, [l IN labels(a) WHERE l IN $labels AND l <> row.label] AS stale
REMOVE a:$(stale)
SET a:$(row.label)
